"""Tree rules and rendering of the course pages, with Wagtail's own test helpers."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.models import HomePage
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course


class CoursePageTreeTests(WagtailPageTestCase):
    def test_catalogue_lives_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_course_module_lesson_nest_strictly(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_pages_cannot_be_created_out_of_place(self):
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(Page, CoursePage)

    def test_a_new_install_has_the_catalogue_at_courses(self):
        catalogue = CourseIndexPage.objects.get()
        self.assertEqual(catalogue.url, "/courses/")
        self.assertTrue(catalogue.live)

    def test_every_page_of_a_course_renders(self):
        course = make_course(modules=1, lessons=1)
        module = ModulePage.objects.child_of(course).get()
        lesson = LessonPage.objects.child_of(module).get()
        editor = UserFactory(is_superuser=True)
        self.assertPageIsRenderable(CourseIndexPage.objects.get())
        self.assertPageIsRenderable(course)
        self.assertPageIsRenderable(module)
        # Lesson bodies are for enrolled learners and editors only.
        self.assertPageIsRenderable(lesson, user=editor)
        self.assertPageIsPreviewable(
            lesson,
            user=editor,
            post_data=nested_form_data(
                {
                    "title": lesson.title,
                    "slug": lesson.slug,
                    "estimated_minutes": 5,
                    "body": streamfield([("rich_text", rich_text("<p>Draft text</p>"))]),
                }
            ),
        )

    def test_trainer_can_create_a_course_in_the_admin(self):
        topic = make_course(modules=0).topic
        self.client.force_login(UserFactory(is_superuser=True))
        self.assertCanCreate(
            CourseIndexPage.objects.get(),
            CoursePage,
            nested_form_data(
                {
                    "title": "Risk analysis for border checks",
                    "slug": "risk-analysis",
                    "summary": "How to profile risk at the border.",
                    "topic": topic.pk,
                    "level": "introductory",
                    "duration_hours": 4,
                    "lesson_completion": "mark_done",
                    "objectives": streamfield([("objective", "Profile risk")]),
                    "description": rich_text("<p>About risk.</p>"),
                }
            ),
        )
