ADMIN_ACCESS_SESSION_KEY = "waypoint_can_access_admin"


def session_can_access_admin(request) -> bool:
    """Whether to show links to /admin/, read from the session so that learner pages spend
    no query on permissions. It only hides or shows a link: /admin/ checks permissions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    session = request.session
    if ADMIN_ACCESS_SESSION_KEY not in session:
        session[ADMIN_ACCESS_SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")
    return session[ADMIN_ACCESS_SESSION_KEY]
