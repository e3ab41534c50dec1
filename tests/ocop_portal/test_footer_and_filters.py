from ocop_portal.templatetags.portal import tel_uri


def test_the_public_footer_does_not_advertise_the_admin(client, db):
    html = client.get("/").content.decode()

    footer = html[html.index('<footer class="site-footer') :]
    assert "/admin/" not in footer


def test_a_tel_link_has_no_spaces():
    assert tel_uri("0229 3871 234") == "tel:02293871234"
    assert tel_uri("+84 (229) 3.871.234") == "tel:+842293871234"
    assert tel_uri("") == ""
