from accounts.selectors import session_can_access_admin


def navigation(request):
    return {"can_access_admin": session_can_access_admin(request)}
