import pytest

# Browser tests need a live server, hence real transactions; the flush after each one would
# wipe the reference data the migrations loaded (communes, classification, role groups), so it
# is serialized once and restored before each browser test.
e2e_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def login(page, email, password):
    """Sign in through the login page, as a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
