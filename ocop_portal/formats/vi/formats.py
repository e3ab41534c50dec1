# Django's Vietnamese locale sets the separators (",", ".") but no grouping, so `intcomma` and
# `number_format(..., force_grouping=True)` wrote "20000". Vietnamese groups by thousands:
# "20.000". Only numbers meant for people are grouped (USE_THOUSAND_SEPARATOR is off): ids and
# years in templates stay plain in every language.
NUMBER_GROUPING = 3
