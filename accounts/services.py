"""Writes on accounts: sign-up requests and their review, invitations to a cooperative's space.

Every function is atomic, locks the row it decides on, and queues its emails through
`ocop_portal.emails.email_queue` (sent by Celery once the transaction commits)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, Membership
from ocop_portal.emails import absolute_url, email_queue
from ocop_portal.errors import ApplicationError, raise_validation

from .models import Invitation, SignupRequest, User
from .roles import COOPERATIVE_MEMBER
from .selectors import staff_emails

SIGNUP_CONFIRM_SALT = "accounts.signup-confirm"
SIGNUP_CONFIRM_MAX_AGE = datetime.timedelta(days=7)


def _email_in_use(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


# --- Sign-up --------------------------------------------------------------------------------


def signup_confirm_token(signup: SignupRequest) -> str:
    return signing.dumps({"id": signup.pk, "email": signup.email}, salt=SIGNUP_CONFIRM_SALT)


def signup_submit(
    *,
    email: str,
    full_name: str,
    phone: str,
    password: str,
    position: str = "",
    message: str = "",
    cooperative: Cooperative | None = None,
    new_cooperative: dict | None = None,
) -> SignupRequest | None:
    """Record a request for an account, for an existing `cooperative` or a new one described
    by `new_cooperative` (keys name, kind, registration_number, commune, street_address,
    legal_representative, main_products). The password is stored hashed only.

    Side effects: one SignupRequest row; an email to the applicant with the link that
    confirms the address. When the email already has an account nothing is stored and that
    account is emailed a notice (login and password-reset links) instead; the caller answers
    the same way in both cases, so the form never tells whether an address has an account.
    Returns None then. Raises ApplicationError when a request from the email is waiting."""
    email = User.objects.normalize_email(email).strip().lower()
    if _email_in_use(email):
        email_queue(
            to=email,
            subject=_("Someone asked for an account with your email address"),
            template="accounts/email/signup_existing_account",
            context={
                "login_url": absolute_url("accounts:login"),
                "reset_url": absolute_url("accounts:password_reset"),
            },
        )
        return None
    if cooperative is None and not (new_cooperative or {}).get("name"):
        raise ApplicationError(_("Choose a cooperative or describe a new one."))
    new = (new_cooperative or {}) if cooperative is None else {}
    if SignupRequest.objects.pending().filter(email__iexact=email).exists():
        raise ApplicationError(_("A request from this email address is already waiting for review."), field="email")
    number = new.get("registration_number", "")
    if number and (taken := Cooperative.objects.filter(registration_number=number).first()):
        raise ApplicationError(
            format_lazy(
                _("{name} with this registration number is already in the registry: choose it in the search instead."),
                name=taken.name,
            ),
            field="registration_number",
        )
    signup = SignupRequest(
        email=email,
        full_name=full_name.strip(),
        phone=phone.strip(),
        position=position.strip(),
        message=message.strip(),
        password_hash=make_password(password),
        cooperative=cooperative,
        new_name=new.get("name", "").strip(),
        new_kind=new.get("kind", ""),
        new_registration_number=new.get("registration_number", ""),
        new_commune=new.get("commune"),
        new_street_address=new.get("street_address", ""),
        new_legal_representative=new.get("legal_representative", ""),
        new_main_products=new.get("main_products", ""),
    )
    try:
        signup.full_clean(exclude=["password_hash"])
    except ValidationError as error:
        raise_validation(error)
    try:
        with transaction.atomic():
            signup.save()
            email_queue(
                to=signup.email,
                subject=_("Please confirm your email address"),
                template="accounts/email/signup_received",
                context={
                    "signup": signup,
                    "confirm_url": absolute_url("accounts:signup_confirm", token=signup_confirm_token(signup)),
                },
            )
    except IntegrityError:
        raise ApplicationError(_("A request from this email address is already waiting for review."), field="email")
    return signup


def signup_confirm_email(*, token: str) -> SignupRequest:
    """Mark the applicant's email address as confirmed (the link in the first email).

    Side effects: sets email_confirmed_at the first time and emails the Alliance staff that a
    request waits. Safe to call twice. Raises ApplicationError for a bad or old link."""
    try:
        data = signing.loads(token, salt=SIGNUP_CONFIRM_SALT, max_age=SIGNUP_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ApplicationError(_("This link has expired. Please send your request again."))
    except signing.BadSignature:
        raise ApplicationError(_("This link is not valid. Please check that you copied it whole."))
    with transaction.atomic():
        signup = SignupRequest.objects.select_for_update().filter(pk=data.get("id"), email=data.get("email")).first()
        if signup is None:
            raise ApplicationError(_("This request no longer exists. Please send your request again."))
        if signup.email_confirmed_at is None:
            signup.email_confirmed_at = timezone.now()
            signup.save(update_fields=["email_confirmed_at"])
            if signup.status == SignupRequest.Status.PENDING:
                email_queue(
                    to=staff_emails(),
                    subject=format_lazy(_("New account request: {name}"), name=signup.cooperative_name),
                    template="accounts/email/signup_staff_notice",
                    context={
                        "signup": signup,
                        "admin_url": absolute_url("admin:accounts_signuprequest_change", object_id=signup.pk),
                    },
                )
    return signup


def _lock_pending(signup: SignupRequest) -> SignupRequest:
    locked = SignupRequest.objects.select_for_update().filter(pk=signup.pk).first()
    if locked is None:
        raise ApplicationError(_("This request no longer exists."))
    if locked.status != SignupRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    return locked


def signup_approve(*, signup: SignupRequest, by: User, note: str = "") -> User:
    """Approve a sign-up request: create the account with the password the applicant chose,
    link it to the chosen cooperative (or create the new cooperative), all or nothing.

    The applicant becomes the cooperative's manager when it has none yet, else a member.
    Side effects: User, Membership (and Cooperative) rows; the request marked approved; an email
    to the applicant. Raises ApplicationError (nothing saved) when the request is already
    decided, its email is unconfirmed or already has an account, or the new cooperative's details
    are refused (e.g. a registration number another producer has)."""
    from cooperatives.services import cooperative_create

    with transaction.atomic():
        signup = _lock_pending(signup)
        if signup.email_confirmed_at is None:
            raise ApplicationError(_("The applicant has not confirmed the email address yet."))
        if _email_in_use(signup.email):
            raise ApplicationError(_("An account with this email address already exists."))
        if signup.cooperative_id:
            cooperative = Cooperative.objects.select_for_update().get(pk=signup.cooperative_id)
            has_manager = cooperative.memberships.filter(role=Membership.Role.MANAGER).exists()
            role = Membership.Role.MEMBER if has_manager else Membership.Role.MANAGER
        else:
            cooperative = cooperative_create(
                by=by,
                name=signup.new_name,
                kind=signup.new_kind or Cooperative.Kind.COOPERATIVE,
                registration_number=signup.new_registration_number,
                commune=signup.new_commune,
                street_address=signup.new_street_address,
                legal_representative=signup.new_legal_representative,
                phone=signup.phone,
                email=signup.email,
            )
            role = Membership.Role.MANAGER
        user = User(email=signup.email, full_name=signup.full_name, phone=signup.phone, password=signup.password_hash)
        user.save()
        user.groups.add(Group.objects.get(name=COOPERATIVE_MEMBER))
        Membership.objects.create(user=user, cooperative=cooperative, role=role)
        signup.status = SignupRequest.Status.APPROVED
        signup.cooperative = cooperative
        signup.user = user
        signup.decided_at = timezone.now()
        signup.decided_by = by
        signup.decision_note = note.strip()
        signup.save()
        email_queue(
            to=user.email,
            subject=format_lazy(_("Your account for {name} is ready"), name=cooperative.name),
            template="accounts/email/signup_approved",
            context={"signup": signup, "cooperative": cooperative, "login_url": absolute_url("accounts:login")},
        )
    return user


def signup_reject(*, signup: SignupRequest, by: User, note: str) -> SignupRequest:
    """Reject a sign-up request with a note that tells the applicant why.

    Side effects: the request marked rejected; an email to the applicant with the note."""
    if not (note or "").strip():
        raise ApplicationError(_("Write a note telling the applicant why the request is rejected."), field="note")
    with transaction.atomic():
        signup = _lock_pending(signup)
        signup.status = SignupRequest.Status.REJECTED
        signup.decided_at = timezone.now()
        signup.decided_by = by
        signup.decision_note = note.strip()
        signup.save()
        email_queue(
            to=signup.email,
            subject=_("Your account request was not accepted"),
            template="accounts/email/signup_rejected",
            context={"signup": signup, "signup_url": absolute_url("accounts:signup")},
        )
    return signup


# --- Invitations ------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token names (open or not), or None."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("cooperative").filter(token_hash=_token_hash(token)).first()


def invitation_create(*, cooperative: Cooperative, by: User, email: str, full_name: str = "") -> Invitation:
    """A manager invites a colleague into the cooperative's space.

    Side effects: an Invitation (earlier open ones to the same address for this cooperative are
    withdrawn); an email with a one-time link valid settings.INVITATION_VALID_DAYS days. The raw
    token is only in the email (and on the returned object as `.token`)."""
    if not (by.is_active and getattr(getattr(by, "membership", None), "cooperative_id", None) == cooperative.pk):
        raise ApplicationError(_("Only the cooperative's manager can invite colleagues."))
    if by.membership.role != Membership.Role.MANAGER:
        raise ApplicationError(_("Only the cooperative's manager can invite colleagues."))
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).select_related("membership").first()
    if existing is not None and (existing.is_staff or hasattr(existing, "membership")):
        raise ApplicationError(_("This person already has an account on the portal."), field="email")
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.select_for_update().filter(
            cooperative=cooperative, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            cooperative=cooperative,
            email=email,
            full_name=full_name.strip(),
            token_hash=_token_hash(token),
            invited_by=by,
            expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        email_queue(
            to=email,
            subject=format_lazy(_("{name} invites you to its space on the OCOP portal"), name=cooperative.name),
            template="accounts/email/invitation",
            context={
                "invitation": invitation,
                "cooperative": cooperative,
                "inviter": by,
                "accept_url": absolute_url("accounts:invitation_accept", token=token),
                "days": settings.INVITATION_VALID_DAYS,
            },
        )
    invitation.token = token
    return invitation


def invitation_accept(*, token: str, full_name: str, password: str, phone: str = "") -> User:
    """The invited person sets a password: the account is created (or an old account without a
    cooperative is reactivated) and joins the cooperative as a member.

    Side effects: User and Membership rows; the invitation marked accepted (it works once); an
    email to the manager who invited. Raises ApplicationError for an unknown, expired, withdrawn
    or used invitation."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("cooperative")
            .filter(token_hash=_token_hash(token or ""))
            .first()
        )
        invitation_check(invitation)
        user = User.objects.select_for_update().filter(email__iexact=invitation.email).first()
        if user is not None and (user.is_staff or Membership.objects.filter(user=user).exists()):
            raise ApplicationError(_("This person already has an account on the portal."))
        if user is None:
            user = User(email=invitation.email)
        user.full_name = full_name.strip()
        user.phone = phone.strip()
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=COOPERATIVE_MEMBER))
        Membership.objects.create(user=user, cooperative=invitation.cooperative, role=Membership.Role.MEMBER)
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        if invitation.invited_by_id:
            email_queue(
                to=invitation.invited_by.email,
                subject=format_lazy(_("{name} has joined your cooperative's space"), name=user.get_full_name()),
                template="accounts/email/invitation_accepted",
                context={"invitation": invitation, "user": user, "members_url": absolute_url("cooperatives:members")},
            )
    return user


def invitation_check(invitation: Invitation | None) -> None:
    if invitation is None:
        raise ApplicationError(_("This invitation link is not valid. Please check that you copied it whole."))
    status = invitation.status
    if status == "accepted":
        raise ApplicationError(_("This invitation has already been used. Log in with your email and password."))
    if status == "revoked":
        raise ApplicationError(_("This invitation has been withdrawn. Ask your cooperative's manager for a new one."))
    if status == "expired":
        raise ApplicationError(_("This invitation has expired. Ask your cooperative's manager to send a new one."))


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation not yet accepted (the manager of its cooperative, or staff)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        membership = getattr(by, "membership", None)
        is_manager = (
            membership is not None
            and membership.cooperative_id == invitation.cooperative_id
            and membership.role == Membership.Role.MANAGER
        )
        if not (is_manager or by.is_staff):
            raise ApplicationError(_("Only the cooperative's manager can withdraw an invitation."))
        if invitation.accepted_at:
            raise ApplicationError(_("This invitation has already been used."))
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation
