"""Build course trees through Wagtail's own API (add_child, then publish a revision), the
way a trainer's actions in the admin do."""

from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Topic

_counter = {"n": 0}


def _next(prefix: str) -> str:
    _counter["n"] += 1
    return f"{prefix}-{_counter['n']}"


def catalogue() -> CourseIndexPage:
    return CourseIndexPage.objects.filter(depth=3).order_by("id").first()  # the original


def make_topic(name: str | None = None) -> Topic:
    name = name or _next("Topic")
    slug = name.lower().replace(" ", "-")
    # The original: its translations share its slug.
    found = Topic.objects.filter(slug=slug).order_by("id").first()
    return found or Topic.objects.create(slug=slug, name=name)


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_lesson(module: ModulePage, title: str | None = None, **fields) -> LessonPage:
    title = title or _next("Lesson")
    body = fields.pop(
        "body", [("rich_text", f"<p>The body of {title}: what an official needs to know.</p>")]
    )
    return publish(module, LessonPage(title=title, body=body, **fields))


def make_module(course: CoursePage, title: str | None = None, lessons: int = 3) -> ModulePage:
    module = publish(course, ModulePage(title=title or _next("Module"), summary="A module."))
    for _ in range(lessons):
        make_lesson(module)
    return module


def make_course(
    *, modules: int = 3, lessons: int = 3, title: str | None = None, parent=None, **fields
) -> CoursePage:
    fields.setdefault("topic", make_topic())
    course = publish(
        parent or catalogue(),
        CoursePage(title=title or _next("Course"), summary="A course for officials.", **fields),
    )
    for _ in range(modules):
        make_module(course, lessons=lessons)
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def restrict(page: Page, *, groups=(), password: str = "", login: bool = False):
    """Make a page private as the admin's "Privacy" dialog does: to groups, with a shared
    password, or to signed-in people."""
    from wagtail.models import PageViewRestriction

    if groups:
        kind = PageViewRestriction.GROUPS
    elif password:
        kind = PageViewRestriction.PASSWORD
    else:
        assert login, "say what the restriction is"
        kind = PageViewRestriction.LOGIN
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    if groups:
        restriction.groups.set(groups)
    return restriction
