"""Content blocks of a lesson. Each renders through its own template in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.video_embeds import player_for

RICH_TEXT_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    transcript = blocks.RichTextBlock(
        label=pgettext_lazy("video", "Transcript"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        """The player is framed only when the learner presses play (``courses.video_embeds``)."""
        context = super().get_context(value, parent_context=parent_context)
        context["player"] = player_for(value["video"].url if value["video"] else "")
        return context


class UploadedVideoBlock(blocks.StructBlock):
    """A video uploaded to Waypoint (``courses.Video``), played from its smaller copies."""

    video = SnippetChooserBlock("courses.Video", label=_("Video"))

    class Meta:
        icon = "media"
        label = _("Uploaded video")
        template = "blocks/uploaded_video_block.html"

    def get_context(self, value, parent_context=None):
        from courses.video_player import video_player

        context = super().get_context(value, parent_context=parent_context)
        media = (parent_context or {}).get("media")
        if value["video"] is not None:
            smallest = bool(media and media.smallest_video)
            context["player"] = video_player(value["video"], smallest=smallest)
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("note", _("Note")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("case", _("Case study")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("Title"), required=False)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"


class LessonContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    image = ImageBlock()
    video = VideoBlock()
    uploaded_video = UploadedVideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()


class ObjectiveBlock(blocks.StreamBlock):
    objective = blocks.CharBlock(label=_("Learning objective"), max_length=300)
