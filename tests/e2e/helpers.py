import pytest

# Browser tests need a live server, hence real transactions; the flush after each one would
# wipe the reference data the migrations loaded (communes, classification, role groups), so it
# is serialized once and restored before each browser test.
e2e_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)
