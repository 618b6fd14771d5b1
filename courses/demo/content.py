"""The demo data as plain data: topics, organisations, users and four courses of training
for officials. ``courses.demo.builder`` turns it into rows and pages.

Lesson bodies are lists of ``(block type, value)`` pairs of ``courses.blocks``'s
``LessonContentBlock``; rich text is HTML. The organisations, people and countries are
fictional; the conventions, standards and statistical definitions cited are real.
"""

from accounts import roles

# --- helpers for lesson bodies -----------------------------------------------------------


def heading(text: str) -> tuple:
    return ("heading", {"text": text})


def text(html: str) -> tuple:
    return ("rich_text", html)


def callout(kind: str, title: str, body: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "body": body})


def accordion(*items: tuple[str, str]) -> tuple:
    return ("accordion", {"items": [{"title": title, "body": body} for title, body in items]})


# --- site, organisations and people ------------------------------------------------------

HOME = {
    "headline": "Learning for the people who manage migration",
    "intro": (
        "<p>Short, practical courses for immigration, border and integration officials: "
        "document examination, victim identification, migration data and integration "
        "services. Study at your own pace, at work or at home, and keep a record of what "
        "you have completed.</p>"
    ),
}

TOPICS = [
    {
        "slug": "border-management",
        "name": "Border management",
        "description": (
            "Border checks, document examination, integrated border management and the "
            "rights of travellers at the border."
        ),
    },
    {
        "slug": "counter-trafficking",
        "name": "Counter-trafficking",
        "description": (
            "Identifying, referring and protecting victims of trafficking in persons, and "
            "telling trafficking apart from migrant smuggling."
        ),
    },
    {
        "slug": "migration-data-analysis",
        "name": "Migration data analysis",
        "description": (
            "Migration statistics, their sources and definitions, risk analysis and the "
            "responsible presentation of data."
        ),
    },
    {
        "slug": "migrant-integration",
        "name": "Migrant integration",
        "description": (
            "Language learning, access to work and services, recognition of qualifications "
            "and social cohesion."
        ),
    },
]

# "ZZ" is a user-assigned code of ISO 3166-1: no real country has it.
COUNTRY = "ZZ"

ORGANISATIONS = [
    {
        "code": "demo-moi",
        "name": "Ministry of Interior",
        "children": [
            {
                "code": "demo-border-police",
                "name": "Border Police",
                "children": [
                    {"code": "demo-airport-unit", "name": "Airport Unit"},
                    {"code": "demo-land-border-unit", "name": "Land Border Unit"},
                ],
            },
        ],
    },
    {
        "code": "demo-mlsa",
        "name": "Ministry of Labour and Social Affairs",
        "children": [
            {"code": "demo-integration-directorate", "name": "Integration Directorate"},
        ],
    },
]

USERS = [
    {
        "email": "learner@example.org",
        "full_name": "Amina Haddad",
        "role": roles.LEARNERS,
        "organisation": "demo-airport-unit",
    },
    {
        "email": "trainer@example.org",
        "full_name": "Tomás Varga",
        "role": roles.TRAINERS,
        "organisation": "demo-moi",
    },
    {
        "email": "lead@example.org",
        "full_name": "Ingrid Solberg",
        "role": roles.LEAD_TRAINERS,
        "organisation": "demo-moi",
    },
    {
        "email": "manager@example.org",
        "full_name": "Daniel Okafor",
        "role": roles.MANAGERS,
        "organisation": "demo-border-police",
        "manages": ["demo-border-police"],
    },
    {
        "email": "admin@example.org",
        "full_name": "Priya Raman",
        "role": roles.ADMINISTRATORS,
        "organisation": "",
    },
]

# The trainer writes the demo courses, the lead trainer publishes them, the administrator
# edits the home page.
AUTHOR_EMAIL = "trainer@example.org"
PUBLISHER_EMAIL = "lead@example.org"
HOME_EDITOR_EMAIL = "admin@example.org"

# The course has no "modules in order": its fourth lesson is in the second module, and a
# module quiz added later must not lock it.
LEARNER_PROGRESS = {
    "email": "learner@example.org",
    "course": "document-examination-at-the-border",
    "lessons_completed": 4,
    "due_in_days": 30,
}

# --- course 1: border management ---------------------------------------------------------

DOCUMENT_EXAMINATION = {
    "slug": "document-examination-at-the-border",
    "title": "Document Examination at the Border",
    "topic": "border-management",
    "summary": (
        "How first-line officers check travel documents and travellers: security features, "
        "the machine-readable zone, kinds of document fraud, impostors, and how to refer "
        "a case to the second line without losing sight of the traveller's rights."
    ),
    "description": (
        "<p>Most document fraud at the border is detected, or missed, in the first minute "
        "of a check. This course gives first-line officers a systematic routine for "
        "examining passports, identity cards and visas, and for comparing the document "
        "with the person who presents it.</p>"
        "<h3>Who it is for</h3>"
        "<ul><li>Officers working at air, land and sea border crossing points</li>"
        "<li>Second-line officers who want a shared vocabulary with the first line</li>"
        "<li>Supervisors who review referrals and seizures</li></ul>"
        "<p>The course follows the standards of ICAO Document 9303 for machine-readable "
        "travel documents. Specimen data comes from ICAO's fictional state of Utopia.</p>"
    ),
    "objectives": [
        "Explain the place of the first-line check in integrated border management.",
        "Identify the main security features of a machine-readable passport and how to "
        "examine them with basic equipment.",
        "Distinguish counterfeits, forgeries, fraudulently obtained genuine documents and "
        "impostors.",
        "Verify the check digits of a machine-readable zone by hand.",
        "Refer a traveller to second-line checks and record the case so that it can be "
        "used for risk analysis.",
    ],
    "requirements": (
        "Basic training as a border guard or immigration officer. A magnifier and an "
        "ultraviolet lamp are useful for the practical exercises but not required."
    ),
    "level": "intermediate",
    "duration_hours": 6,
    "modules_in_order": False,
    "lesson_completion": "mark_done",
    "modules": [
        {
            "title": "The first-line check",
            "summary": (
                "Where the document check fits in integrated border management, what the "
                "first and second lines each do, and the rights every check must respect."
            ),
            "lessons": [
                {
                    "title": "Integrated border management in brief",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Integrated border management (IBM) is the idea that a "
                            "border is managed well only when the services that work at "
                            "it act as one system. A passport check at an airport is the "
                            "visible end of a chain that begins with visa issuing abroad "
                            "and ends with the return of people who have no right to "
                            "stay.</p>"
                        ),
                        heading("Three levels of cooperation"),
                        text(
                            "<p>IBM is usually described at three levels:</p>"
                            "<ul><li><b>Intra-service cooperation</b> between units of "
                            "the same service, for example the first and second lines of "
                            "a crossing point, or the airport and the headquarters' risk "
                            "analysis unit.</li>"
                            "<li><b>Inter-agency cooperation</b> between the border "
                            "police, customs, immigration, health and veterinary "
                            "services, and the prosecution.</li>"
                            "<li><b>International cooperation</b> with neighbouring "
                            "countries, countries of origin and transit, and "
                            "international organisations.</li></ul>"
                        ),
                        text(
                            "<p>The European Union's model of European integrated border "
                            "management adds components such as risk analysis, search "
                            "and rescue, return, fundamental rights, training and quality "
                            "control. Other regions use similar frameworks under "
                            "different names. Whatever the model, the principles are the "
                            "same: share information, avoid duplicated checks, and agree "
                            "who does what before an incident, not during it.</p>"
                        ),
                        heading("Why it matters at the booth"),
                        text(
                            "<p>For a first-line officer, IBM is practical. The alert "
                            "that appears when you scan a passport exists because another "
                            "officer, perhaps in another country, recorded a stolen "
                            "document. The fraud trends in your weekly briefing come from "
                            "the referrals that you and your colleagues write. When you "
                            "record a case carefully, you feed the same system that "
                            "protects you.</p>"
                        ),
                        callout(
                            "tip",
                            "Know your partners",
                            "<p>Find out who the duty officers of customs and of the "
                            "asylum authority are at your crossing point, and how to "
                            "reach them outside office hours. You will need them at the "
                            "least convenient moment.</p>",
                        ),
                        callout(
                            "note",
                            "Facilitation and security",
                            "<p>Border management has two goals that pull in different "
                            "directions: to let bona fide travellers through quickly and "
                            "to stop those who pose a risk. Good risk analysis is what "
                            "lets you spend your time on the few travellers who need "
                            "it.</p>",
                        ),
                    ],
                },
                {
                    "title": "First-line and second-line checks",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Border checks are organised in two lines. The first line "
                            "checks every traveller briefly; the second line takes the "
                            "time for an in-depth examination of the few who need one. "
                            "Splitting the work this way keeps queues moving without "
                            "lowering the quality of the checks.</p>"
                        ),
                        heading("What the first line does"),
                        text(
                            "<p>A first-line check normally takes less than a minute. In "
                            "that time the officer:</p>"
                            "<ol><li>establishes the traveller's identity and that the "
                            "document belongs to them;</li>"
                            "<li>checks that the document is valid, not expired and not "
                            "reported lost or stolen;</li>"
                            "<li>looks for signs of falsification, by touch, by sight "
                            "and under ultraviolet light;</li>"
                            "<li>queries the national and international databases;</li>"
                            "<li>checks the entry conditions that apply: visa, purpose "
                            "of stay, means of subsistence, previous stays;</li>"
                            "<li>stamps or records the entry or exit.</li></ol>"
                        ),
                        heading("When to refer"),
                        text(
                            "<p>Refer the traveller to the second line when something "
                            "cannot be resolved in the time available: a doubtful "
                            "security feature, a database hit, answers that do not fit "
                            "the stated purpose of travel, or signs that the person may "
                            "be a victim of trafficking or may need international "
                            "protection. A referral is not an accusation. Explain calmly "
                            "that a colleague will complete the check, and keep the "
                            "document with you when you walk the traveller over.</p>"
                        ),
                        callout(
                            "warning",
                            "Hand over, do not hand back",
                            "<p>Never return a suspicious document to the traveller "
                            "before the referral. Documents disappear, pages are torn "
                            "out, and evidence is lost.</p>",
                        ),
                        heading("What the second line does"),
                        text(
                            "<p>Second-line officers have more time and better equipment: "
                            "stronger magnification, transmitted and oblique light, "
                            "infrared, reference collections of genuine documents and, "
                            "often, direct contact with document experts. They interview "
                            "the traveller, decide whether entry is refused, and start "
                            "criminal or protection procedures where needed. They also "
                            "give feedback to the first line: tell your second line when "
                            "you want to know how a case you referred ended.</p>"
                        ),
                        callout(
                            "case",
                            "A busy morning",
                            "<p>Three long-haul flights land within twenty minutes. An "
                            "officer notices that the laminate of a residence permit "
                            "lifts at one corner. Rather than examining it in the queue, "
                            "she refers the holder, notes the reason on the referral "
                            "slip and continues. The second line finds a substituted "
                            "photograph. The queue never stopped.</p>",
                        ),
                    ],
                },
                {
                    "title": "Rights and professional conduct at the border",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>Every border check is carried out on behalf of the state "
                            "and under the law. Travellers may be tired, frightened or "
                            "unfamiliar with the procedure; some of them are fleeing "
                            "danger. The way officers behave is part of the quality of "
                            "the check, not an optional extra.</p>"
                        ),
                        heading("Obligations that apply to every check"),
                        accordion(
                            (
                                "Human dignity and non-discrimination",
                                "<p>Checks must respect the dignity of the person. "
                                "Decisions may not be based on sex, race or ethnic "
                                "origin, religion, disability, age or sexual "
                                "orientation. Selecting travellers for closer checks "
                                "must rest on risk indicators and behaviour, never on "
                                "appearance or origin alone.</p>",
                            ),
                            (
                                "Access to international protection",
                                "<p>A person who expresses a fear of return, in any "
                                "words and in any language, must be able to apply for "
                                "asylum. The principle of non-refoulement, in Article 33 "
                                "of the 1951 Refugee Convention and in human rights law, "
                                "forbids returning anyone to a place where they face "
                                "persecution, torture or other serious harm. Refer such "
                                "persons to the competent authority; do not assess the "
                                "claim yourself.</p>",
                            ),
                            (
                                "Children",
                                "<p>The best interests of the child are a primary "
                                "consideration in every decision about a child. Check "
                                "that an adult travelling with a child has the authority "
                                "to do so, and speak to the child in a way suited to "
                                "their age.</p>",
                            ),
                            (
                                "Information and language",
                                "<p>Tell travellers what is happening and why, in a "
                                "language they understand. A refused traveller has the "
                                "right to a written, reasoned decision and to know how "
                                "to appeal against it.</p>",
                            ),
                        ),
                        heading("Conduct in practice"),
                        text(
                            "<p>Greet the traveller, look at them as well as at the "
                            "document, and ask questions in a neutral tone. Avoid jokes "
                            "about nationality or religion, and never comment on a "
                            "traveller in a language you assume they do not understand. "
                            "If you have to search a person or their luggage, follow the "
                            "rules of your service, including on the sex of the officer "
                            "who carries out a body search.</p>"
                        ),
                        callout(
                            "note",
                            "Professional distance",
                            "<p>Firmness and courtesy are compatible. A traveller who is "
                            "treated with respect is more likely to answer questions "
                            "openly, which makes your check more effective.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Examining travel documents",
            "summary": (
                "The security features of machine-readable travel documents, the main "
                "kinds of document fraud, and how to read and verify the machine-readable "
                "zone."
            ),
            "lessons": [
                {
                    "title": "Security features of travel documents",
                    "minutes": 15,
                    "body": [
                        text(
                            "<p>Passports and identity cards are designed so that a "
                            "trained officer with simple equipment can tell a genuine "
                            "document from a false one. International standards, above "
                            "all ICAO Document 9303, describe what a machine-readable "
                            "travel document must contain; each issuing state chooses "
                            "additional security features.</p>"
                        ),
                        heading("Examine in layers"),
                        text(
                            "<p>Security features are usually grouped by the tool you "
                            "need to check them:</p>"
                            "<ul><li><b>Level 1</b>: features you can check with your "
                            "eyes and fingers, such as the tactile feel of intaglio "
                            "printing, optically variable features that change colour "
                            "or image when tilted, and watermarks seen against the "
                            "light.</li>"
                            "<li><b>Level 2</b>: features that need simple equipment: "
                            "a magnifier for microprinting, an ultraviolet lamp for "
                            "fluorescent inks and fibres, infrared for inks that "
                            "disappear or appear.</li>"
                            "<li><b>Level 3</b>: features verified only in a laboratory "
                            "or by a document expert.</li></ul>"
                        ),
                        accordion(
                            (
                                "Substrate",
                                "<p>Security paper contains no optical brighteners, so "
                                "it stays dull under ultraviolet light, and often "
                                "contains fluorescent fibres and a watermark. Data pages "
                                "made of polycarbonate are laser-engraved and cannot be "
                                "separated into layers without visible damage.</p>",
                            ),
                            (
                                "Printing techniques",
                                "<p>Background patterns such as guilloches and rainbow "
                                "printing are made of fine continuous lines whose colour "
                                "shifts gradually. Copies show breaks, dots or abrupt "
                                "colour changes under magnification. Microprinting "
                                "looks like a line to the eye but is legible text under "
                                "a magnifier.</p>",
                            ),
                            (
                                "Personalisation",
                                "<p>The holder's data and photograph are added by laser "
                                "engraving, inkjet or other methods chosen by the issuing "
                                "state. Know which method your reference documents use: "
                                "a photograph that sits on top of the page when it "
                                "should be engraved into it is a strong indicator of "
                                "substitution.</p>",
                            ),
                            (
                                "The chip",
                                "<p>An electronic passport stores the data page and the "
                                "facial image on a contactless chip, signed by the "
                                "issuing state. Passive authentication checks that "
                                "signature against the state's certificates, which many "
                                "states obtain through the ICAO Public Key "
                                "Directory.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "Compare with a reference",
                            "<p>Always compare a doubtful document with a genuine "
                            "reference of the same type and series, from your reference "
                            "collection or an electronic reference system. Memory is not "
                            "a reliable reference.</p>",
                        ),
                        callout(
                            "warning",
                            "A valid chip is not the whole answer",
                            "<p>A successful chip check proves that the chip data was "
                            "issued by the state. It does not prove that the person in "
                            "front of you is the holder, nor that the printed data page "
                            "matches the chip. Compare all three.</p>",
                        ),
                    ],
                },
                {
                    "title": "Kinds of document fraud",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Describing fraud precisely matters: the kind of fraud "
                            "decides which features you examine, which offence may have "
                            "been committed and how the case is recorded for risk "
                            "analysis. Border services generally distinguish the "
                            "following categories.</p>"
                        ),
                        accordion(
                            (
                                "Counterfeit",
                                "<p>A complete reproduction of a genuine document, made "
                                "without authority. Counterfeits are detected by "
                                "comparing printing techniques, substrate and security "
                                "features with a genuine reference.</p>",
                            ),
                            (
                                "Forgery",
                                "<p>A genuine document that has been altered: a "
                                "substituted photograph, changed biographical data, a "
                                "replaced page or a false visa or stamp added to a "
                                "genuine passport. Look for damage to the laminate, "
                                "disturbed background printing and stitching that has "
                                "been opened.</p>",
                            ),
                            (
                                "Fraudulently obtained genuine document",
                                "<p>A genuine, unaltered document issued on the basis of "
                                "false information or false supporting documents, or "
                                "through corruption. The document itself passes every "
                                "technical check; the fraud shows in inconsistencies "
                                "between the document, the traveller's story and other "
                                "records.</p>",
                            ),
                            (
                                "Impostor",
                                "<p>A person using a genuine document that belongs to "
                                "someone else who looks similar. Impostors are the most "
                                "common form of fraud in many regions because the "
                                "document is genuine; the next module covers facial "
                                "comparison.</p>",
                            ),
                            (
                                "Stolen blank",
                                "<p>A genuine blank document stolen before issue and "
                                "personalised by criminals. The serial number is often "
                                "recorded as stolen in national and Interpol "
                                "databases.</p>",
                            ),
                            (
                                "Pseudo or fantasy document",
                                "<p>A document issued by an authority that does not "
                                "exist or has no power to issue it, such as a "
                                '"world passport" or an "international driving '
                                'licence" sold online. It has no validity for '
                                "travel.</p>",
                            ),
                        ),
                        heading("Why the category matters"),
                        text(
                            "<p>A forged passport and a fraudulently obtained genuine "
                            "passport call for different follow-up: the first is "
                            "evidence of an alteration, the second may point to "
                            "corruption or weak procedures in an issuing office, which "
                            "your liaison officers may need to raise with the issuing "
                            'state. Recording "false document" without the category '
                            "makes the case almost useless for analysis.</p>"
                        ),
                        callout(
                            "case",
                            "Two passports, one face",
                            "<p>A traveller presents a genuine passport that passes all "
                            "checks. A database query shows that another genuine "
                            "passport with the same photograph, but a different name, "
                            "was used a year earlier. The second line records a "
                            "fraudulently obtained genuine document and informs the "
                            "issuing state through the liaison officer.</p>",
                        ),
                    ],
                },
                {
                    "title": "Reading and verifying the machine-readable zone",
                    "minutes": 15,
                    "body": [
                        text(
                            "<p>The machine-readable zone (MRZ) at the bottom of the data "
                            "page lets a reader capture the holder's data in a second. "
                            "It is also a fraud check: the MRZ must agree with the "
                            "visual inspection zone above it, and its check digits must "
                            "be correct.</p>"
                        ),
                        heading("The structure of a passport MRZ"),
                        text(
                            "<p>A passport (format TD3 in ICAO Document 9303) has two "
                            "lines of 44 characters. The first line holds the document "
                            "code (P), the issuing state and the name. The second line "
                            "holds the document number, nationality, date of birth, sex, "
                            "date of expiry and an optional data field, each followed by "
                            "a check digit, and a final composite check digit. Identity "
                            "cards in format TD1 use three lines of 30 characters. "
                            "Dates are written YYMMDD and the filler character is "
                            "&lt;.</p>"
                        ),
                        heading("Computing a check digit"),
                        text(
                            "<p>Each character gets a value: digits keep their value, "
                            "letters A to Z count 10 to 35, and the filler counts 0. "
                            "Multiply the values in turn by the weights 7, 3, 1, 7, 3, "
                            "1 and so on, add the products, and keep the last digit of "
                            "the sum.</p>"
                            "<p>ICAO's specimen passport of the fictional state of "
                            "Utopia has the document number L898902C3. The values are "
                            "21, 8, 9, 8, 9, 0, 2, 12, 3; the products are 147, 24, 9, "
                            "56, 27, 0, 14, 36, 3; their sum is 316, so the check digit "
                            "is 6, which is what the specimen shows.</p>"
                        ),
                        callout(
                            "tip",
                            "When to check by hand",
                            "<p>Document readers compute check digits for you. Do it "
                            "by hand when the reader fails, when a document is read "
                            "manually, or when you suspect the MRZ has been reprinted: "
                            "forgers sometimes change the data but not the check "
                            "digit.</p>",
                        ),
                        heading("Consistency checks"),
                        text(
                            "<ul><li>Do the name, dates and number in the MRZ match the "
                            "visual zone and the chip?</li>"
                            "<li>Is the font the one used by the issuing state, with "
                            "even spacing and alignment?</li>"
                            "<li>Is the document expiry plausible for the date of issue "
                            "and the state's validity periods?</li>"
                            "<li>Does the age of the holder match the photograph?</li>"
                            "</ul>"
                        ),
                        callout(
                            "warning",
                            "Correct digits prove little",
                            "<p>The algorithm is public. A counterfeiter can produce an "
                            "MRZ with valid check digits. A wrong check digit is a "
                            "strong indicator of fraud; a correct one is merely "
                            "expected.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Impostors, interviews and referral",
            "summary": (
                "Comparing faces with photographs, interviewing travellers at the second "
                "line, and recording and referring cases, including people who may need "
                "protection."
            ),
            "lessons": [
                {
                    "title": "Detecting impostors by facial comparison",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>An impostor carries a genuine document that belongs to "
                            "someone else. Every technical check passes, so the only way "
                            "to detect the fraud is to compare the person with the "
                            "photograph, and that is harder than most officers think. "
                            "Research on face matching consistently shows that untrained "
                            "people make many errors when comparing unfamiliar faces, "
                            "even under good conditions.</p>"
                        ),
                        heading("Compare features, not impressions"),
                        text(
                            '<p>A general impression that "it looks like him" is not '
                            "enough. Compare the face feature by feature, starting with "
                            "those that change least over time:</p>"
                            "<ol><li><b>Ears</b>: shape of the rim and lobe, and how "
                            "they are attached. Ears change little with age and are "
                            "hard to disguise.</li>"
                            "<li><b>Nose</b>: the shape of the bridge, tip and "
                            "nostrils.</li>"
                            "<li><b>Eyes and eyebrows</b>: distance between the eyes, "
                            "the shape of the eyelids; eyebrows can be shaped, so give "
                            "them less weight.</li>"
                            "<li><b>Mouth and chin</b>: the proportions of the lips "
                            "and the shape of the chin.</li>"
                            "<li><b>Marks</b>: scars, moles and asymmetries.</li></ol>"
                        ),
                        callout(
                            "note",
                            "What changes and what does not",
                            "<p>Weight, hairstyle, facial hair, glasses, make-up and "
                            "skin tone change easily. Bone structure and the proportions "
                            "between features do not. A passport photograph may be up to "
                            "ten years old; consider how the holder would have aged.</p>",
                        ),
                        heading("Use the rest of the document"),
                        text(
                            "<p>Compare the stated height and age with the person, and "
                            "the signature with one written in front of you. Ask simple "
                            "questions that the real holder would answer without "
                            "thinking: date of birth, place of issue, the names of "
                            "parents where the document shows them.</p>"
                        ),
                        callout(
                            "warning",
                            "Morphed photographs",
                            "<p>Some states accept printed photographs from applicants. "
                            "A morphed photograph blends the faces of two people, so "
                            "that both can travel on the same genuine passport and pass "
                            "an automated gate. Be alert to unusually smooth skin, "
                            "doubled outlines around the eyes or hair, and odd "
                            "reflections.</p>",
                        ),
                        callout(
                            "tip",
                            "Take your time",
                            "<p>If you have doubts, refer. A careful second-line "
                            "comparison with a side-by-side image takes a few minutes; "
                            "an impostor admitted cannot be undone.</p>",
                        ),
                    ],
                },
                {
                    "title": "The second-line interview",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>At the second line, the interview is often as important "
                            "as the document examination. Its purpose is to establish "
                            "facts, about identity, purpose of travel and route, not to "
                            "obtain a confession.</p>"
                        ),
                        heading("Prepare"),
                        text(
                            "<p>Read the referral slip and the database results before "
                            "you begin. Decide what you need to find out. Arrange for an "
                            "interpreter if the traveller is not comfortable in a "
                            "language you share; the interpreter must be neutral and must "
                            "not be someone travelling with the person.</p>"
                        ),
                        heading("Ask open questions"),
                        text(
                            "<p>Begin with open questions that let the traveller tell "
                            'their story: "Tell me about your journey", "What will '
                            'you do during your stay?". Follow with specific questions '
                            "to check details: who paid for the ticket, where they will "
                            "stay, who they will meet. Avoid leading questions, which "
                            "suggest the answer you expect.</p>"
                        ),
                        callout(
                            "warning",
                            "Nervousness is not an indicator on its own",
                            "<p>Many honest travellers are nervous at a border, "
                            "especially after a long journey or in a second-line room. "
                            "Sweating, avoiding eye contact or hesitation can have many "
                            "causes, including cultural ones. Look for inconsistencies "
                            "between the story, the documents and the evidence, not for "
                            "stress.</p>",
                        ),
                        heading("Indicators worth following up"),
                        accordion(
                            (
                                "About the journey",
                                "<p>A ticket bought by a third party, a complicated route "
                                "with no clear reason, a return ticket bought at the "
                                "last minute, or luggage that does not fit the stated "
                                "length and purpose of stay.</p>",
                            ),
                            (
                                "About the documents",
                                "<p>A new passport with no previous travel, visa "
                                "supporting documents from an unknown company, or an "
                                "invitation letter that the inviting person cannot "
                                "confirm.</p>",
                            ),
                            (
                                "About the person",
                                "<p>Someone else answers for the traveller or keeps "
                                "their documents, or the traveller does not know the "
                                "address where they will stay. These may also indicate "
                                "trafficking: consider the possibility before you "
                                "consider refusal.</p>",
                            ),
                        ),
                        heading("Record"),
                        text(
                            "<p>Write down questions and answers as close to verbatim as "
                            "you can, with the time, the language used and the name of "
                            "the interpreter. A clear record protects the traveller, "
                            "supports your decision if it is appealed and is evidence "
                            "if the case is prosecuted.</p>"
                        ),
                    ],
                },
                {
                    "title": "Recording, reporting and referring cases",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>A detected false document is the beginning of several "
                            "procedures, and the traveller may be a suspect, a victim "
                            "or a person in need of protection, sometimes all three. "
                            "This lesson covers what to do once the fraud is "
                            "established.</p>"
                        ),
                        heading("Seizure and evidence"),
                        text(
                            "<p>Seize the document according to national law and give "
                            "the holder a receipt. Handle it as evidence: do not write "
                            "on it, staple it or punch it; put it in a labelled "
                            "envelope and record every person who handles it, so that "
                            "the chain of custody can be shown in court. Note the "
                            "features that led to detection: they are what the "
                            "document expert will examine first.</p>"
                        ),
                        heading("Report for risk analysis"),
                        text(
                            "<p>Report the case through your service's fraud reporting "
                            "channel with the category of fraud, the document type and "
                            "series, the route and the modus operandi. Stolen and lost "
                            "documents should be recorded in the national database and, "
                            "through it, in Interpol's Stolen and Lost Travel Documents "
                            "database, so that other states can detect them.</p>"
                        ),
                        heading("Think about protection"),
                        text(
                            "<p>Using a false document does not make a person a criminal "
                            "and nothing else. Refugees often have no way of obtaining "
                            "genuine documents from the state they flee. Article 31 of "
                            "the 1951 Refugee Convention prohibits penalties on refugees "
                            "for illegal entry or presence when they come directly from "
                            "a territory where they were threatened, present themselves "
                            "without delay and show good cause. Victims of trafficking "
                            "may have been given false documents by traffickers.</p>"
                        ),
                        callout(
                            "warning",
                            "Ask before you decide",
                            "<p>Before refusing entry or starting criminal proceedings, "
                            "consider whether the person has expressed a fear of return "
                            "or shows indicators of trafficking. If so, refer them to "
                            "the asylum authority or to the national referral mechanism "
                            "as your procedures require.</p>",
                        ),
                        callout(
                            "case",
                            "A forged visa and a fear of return",
                            "<p>A traveller's visa is a forgery. During the interview "
                            "she says she cannot go back because of threats from her "
                            "former husband's family. The officer records the forgery, "
                            "seizes the passport as evidence, and refers her to the "
                            "asylum authority, noting what she said in her own "
                            "words.</p>",
                        ),
                    ],
                },
            ],
        },
    ],
}

# --- course 2: counter-trafficking -------------------------------------------------------

VICTIM_IDENTIFICATION = {
    "slug": "identifying-and-protecting-victims-of-trafficking",
    "title": "Identifying and Protecting Victims of Trafficking",
    "topic": "counter-trafficking",
    "summary": (
        "The international definition of trafficking in persons, how it differs from "
        "migrant smuggling, the indicators that point to a possible victim, and how to "
        "refer and protect victims, including the non-punishment principle."
    ),
    "description": (
        "<p>Border, immigration and labour officials are often the first representatives "
        "of the state to meet a victim of trafficking, and sometimes the only ones. This "
        "course prepares them to recognise the situation, to respond safely and to hand "
        "the person over to those who can protect and assist them.</p>"
        "<h3>How the course is organised</h3>"
        "<p>The modules build on one another and must be taken in order: first the legal "
        "framework, then identification, then referral and protection.</p>"
        "<p>The case studies are composites based on common patterns; they do not "
        "describe real people.</p>"
    ),
    "objectives": [
        "Apply the three elements of the definition in the Trafficking in Persons "
        "Protocol (act, means and purpose) to a described situation.",
        "Distinguish trafficking in persons from the smuggling of migrants.",
        "Recognise general and situation-specific indicators of trafficking.",
        "Conduct a first conversation with a possible victim safely, using a "
        "trauma-informed approach.",
        "Refer a possible victim through the national referral mechanism and explain the "
        "non-punishment principle.",
    ],
    "requirements": (
        "No prior knowledge of trafficking is needed. Officers should know their own "
        "service's basic procedures for interviews and referrals."
    ),
    "level": "introductory",
    "duration_hours": 5,
    "modules_in_order": True,
    "lesson_completion": "reach_end",
    "modules": [
        {
            "title": "Understanding trafficking in persons",
            "summary": (
                "The legal definition, the difference between trafficking and smuggling, "
                "and the forms exploitation takes."
            ),
            "lessons": [
                {
                    "title": "The definition: act, means and purpose",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>The internationally agreed definition of trafficking in "
                            "persons is in Article 3 of the Protocol to Prevent, Suppress "
                            "and Punish Trafficking in Persons, Especially Women and "
                            "Children, which supplements the United Nations Convention "
                            "against Transnational Organized Crime (2000). Most national "
                            "laws follow it closely.</p>"
                        ),
                        heading("Three elements"),
                        accordion(
                            (
                                "The act: what is done",
                                "<p>The recruitment, transportation, transfer, "
                                "harbouring or receipt of persons.</p>",
                            ),
                            (
                                "The means: how it is done",
                                "<p>The threat or use of force or other forms of "
                                "coercion, abduction, fraud, deception, the abuse of "
                                "power or of a position of vulnerability, or the giving "
                                "or receiving of payments or benefits to achieve the "
                                "consent of a person having control over another "
                                "person.</p>",
                            ),
                            (
                                "The purpose: why it is done",
                                "<p>Exploitation, which includes at a minimum the "
                                "exploitation of the prostitution of others or other "
                                "forms of sexual exploitation, forced labour or "
                                "services, slavery or practices similar to slavery, "
                                "servitude or the removal of organs.</p>",
                            ),
                        ),
                        text(
                            "<p>For an adult, all three elements must be present. The "
                            "exploitation does not need to have happened yet: the "
                            "purpose is enough. A person recruited with a false job "
                            "offer and stopped at the border before reaching the "
                            "workplace may already be a victim.</p>"
                        ),
                        heading("Consent and children"),
                        text(
                            "<p>Once any of the means has been used, the victim's "
                            "consent to the intended exploitation is irrelevant. A woman "
                            "who agreed to work abroad but was deceived about the "
                            "conditions, or whose vulnerability was abused, has not "
                            "consented in law.</p>"
                            "<p>For a child, anyone under 18, the means element is not "
                            "required. The recruitment, transport, transfer, harbouring "
                            "or receipt of a child for exploitation is trafficking, "
                            "whatever the child or their family agreed to.</p>"
                        ),
                        callout(
                            "note",
                            "Movement across a border is not required",
                            "<p>Trafficking can happen entirely within one country. "
                            "Many victims are trafficked internally, and many others "
                            "entered a country regularly, with a genuine visa.</p>",
                        ),
                        callout(
                            "case",
                            "Applying the definition",
                            "<p>A man is offered construction work abroad. The recruiter "
                            "pays for his visa and ticket, then tells him on arrival "
                            "that he owes five times the cost and takes his passport "
                            "until it is repaid. Act: recruitment and transport. Means: "
                            "deception and debt used as coercion. Purpose: forced "
                            "labour. All three elements are present.</p>",
                        ),
                    ],
                },
                {
                    "title": "Trafficking and smuggling: the differences",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>Trafficking in persons and the smuggling of migrants are "
                            "different crimes, defined in two separate protocols to the "
                            "same convention. Officers must tell them apart, because the "
                            "person in front of them is a victim of the first, but not "
                            "of the second, and the response is different.</p>"
                        ),
                        heading("Smuggling of migrants"),
                        text(
                            "<p>The Protocol against the Smuggling of Migrants by Land, "
                            "Sea and Air defines smuggling as the procurement, for a "
                            "financial or other material benefit, of the illegal entry "
                            "of a person into a state of which they are not a national "
                            "or a permanent resident. The migrant is not a victim of the "
                            "smuggling itself, although they can be a victim of other "
                            "crimes during the journey, and smuggled migrants must not "
                            "be prosecuted for having been smuggled.</p>"
                        ),
                        heading("Four differences"),
                        accordion(
                            (
                                "Consent",
                                "<p>Smuggled migrants agree to be smuggled, even when "
                                "the conditions are dangerous. Victims of trafficking "
                                "either never consented or their consent was obtained "
                                "by coercion, deception or abuse.</p>",
                            ),
                            (
                                "Exploitation",
                                "<p>Smuggling ends on arrival: the smuggler is paid for "
                                "the journey. Trafficking aims at continued "
                                "exploitation of the victim to generate profit.</p>",
                            ),
                            (
                                "Transnationality",
                                "<p>Smuggling always involves crossing an international "
                                "border. Trafficking may or may not.</p>",
                            ),
                            (
                                "The injured party",
                                "<p>Smuggling is primarily a crime against the state's "
                                "border and immigration laws. Trafficking is a crime "
                                "against the person.</p>",
                            ),
                        ),
                        callout(
                            "warning",
                            "Situations change",
                            "<p>A journey that begins as smuggling can become "
                            "trafficking: a migrant who cannot pay the smuggler may be "
                            "forced to work off the debt, or sold on. Keep asking what "
                            "happened during the journey and what is expected on "
                            "arrival.</p>",
                        ),
                        text(
                            "<p>In practice, you will rarely know at first which "
                            "situation you are facing. Treat the person as a possible "
                            "victim until the facts show otherwise: wrongly treating a "
                            "victim as a smuggled migrant can mean returning them to "
                            "their exploiters.</p>"
                        ),
                    ],
                },
                {
                    "title": "Forms of exploitation",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>The Protocol lists the minimum forms of exploitation; "
                            "national laws often add more. Knowing the forms helps "
                            "officers recognise victims in sectors where they do not "
                            "expect them. The UNODC Global Report on Trafficking in "
                            "Persons finds that sexual exploitation and forced labour "
                            "are the forms most often detected worldwide, with "
                            "differences between regions and between women, men, girls "
                            "and boys.</p>"
                        ),
                        accordion(
                            (
                                "Sexual exploitation",
                                "<p>Exploitation of the prostitution of others, "
                                "pornography and other sexual services obtained through "
                                "coercion or the abuse of vulnerability. Victims are "
                                "often recruited with offers of work as waitresses, "
                                "dancers or carers.</p>",
                            ),
                            (
                                "Forced labour",
                                "<p>The ILO Forced Labour Convention, 1930 (No. 29) "
                                "defines it as all work or service exacted from any "
                                "person under the menace of any penalty and for which "
                                "the person has not offered themselves voluntarily. "
                                "Agriculture, construction, fishing, manufacturing and "
                                "hospitality are common sectors.</p>",
                            ),
                            (
                                "Domestic servitude",
                                "<p>Work in private households, hidden from labour "
                                "inspection, with confiscated documents, no days off and "
                                "isolation from the outside world.</p>",
                            ),
                            (
                                "Forced criminality and begging",
                                "<p>Victims made to pick pockets, cultivate drugs, "
                                "commit fraud or beg. Because they appear as offenders, "
                                "these victims are among the hardest to identify.</p>",
                            ),
                            (
                                "Removal of organs",
                                "<p>Recruitment of people, often in severe poverty, to "
                                "sell a kidney or other organ, with deception about the "
                                "payment or the medical risks.</p>",
                            ),
                            (
                                "Other forms",
                                "<p>Many national laws also cover forced marriage, the "
                                "illegal adoption of children and the exploitation of "
                                "children in armed conflict.</p>",
                            ),
                        ),
                        heading("Control without chains"),
                        text(
                            "<p>Few victims are locked up. Traffickers control them with "
                            "debts that can never be repaid, confiscated documents, "
                            "threats against their families, fear of the police and of "
                            "deportation, and isolation through language. A victim may "
                            "walk freely in the street and still be unable to leave.</p>"
                        ),
                        callout(
                            "tip",
                            "Think beyond the stereotype",
                            "<p>Men and boys are trafficked too, particularly for forced "
                            "labour. If your mental image of a victim is a young woman, "
                            "you will miss many of them.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Identifying possible victims",
            "summary": (
                "Indicators of trafficking, a first conversation that does no harm, and "
                "the particular needs of children."
            ),
            "lessons": [
                {
                    "title": "Indicators of trafficking",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>Indicators are signs that a person may be a victim of "
                            "trafficking. No single indicator proves anything, and some "
                            "victims show very few of them. The more indicators you see "
                            "together, the stronger the reason to refer the person for "
                            "a closer assessment.</p>"
                        ),
                        heading("General indicators"),
                        text(
                            "<ul><li>The person does not hold their own identity or "
                            "travel documents, or someone else holds them.</li>"
                            "<li>They owe a large debt to an employer, recruiter or "
                            "smuggler and cannot say how it is calculated.</li>"
                            "<li>They cannot move freely or leave their work or "
                            "accommodation.</li>"
                            "<li>They do not know their home or work address.</li>"
                            "<li>Someone else speaks for them, or they appear to be "
                            "following instructions or repeating a learned story.</li>"
                            "<li>They show signs of physical abuse, malnutrition or "
                            "exhaustion.</li>"
                            "<li>They are afraid of the authorities, or of the people "
                            "they travel with.</li></ul>"
                        ),
                        heading("At the border"),
                        accordion(
                            (
                                "Travel arrangements",
                                "<p>The ticket was bought by a third party, the person "
                                "travels with a group led by someone who holds all the "
                                "documents, or is met at arrival by someone they do not "
                                "know.</p>",
                            ),
                            (
                                "Purpose of travel",
                                "<p>A job offer that is vague or too good to be true, "
                                "an employer the person cannot name, or a stated "
                                "purpose that does not fit their profile and "
                                "luggage.</p>",
                            ),
                            (
                                "Documents",
                                "<p>False or borrowed documents supplied by someone "
                                "else, or genuine documents obtained for them by a "
                                "recruiter.</p>",
                            ),
                        ),
                        heading("At the workplace"),
                        text(
                            "<p>Labour inspectors and police look for workers who live "
                            "on the work site, work excessive hours, receive no or very "
                            "low pay, have deductions for housing and transport that "
                            "consume their wages, or have no contract in a language "
                            "they understand.</p>"
                        ),
                        callout(
                            "note",
                            "Where the lists come from",
                            "<p>Detailed indicator lists are published by UNODC, the "
                            "ILO, the OSCE and national anti-trafficking coordinators. "
                            "Use your country's list where one exists, as it reflects "
                            "local patterns.</p>",
                        ),
                        callout(
                            "warning",
                            "Victims rarely say so",
                            "<p>Most victims do not identify themselves as victims. They "
                            "may fear reprisals, feel loyal to the trafficker, be ashamed "
                            "or believe they are to blame. Do not wait for a "
                            "disclosure.</p>",
                        ),
                    ],
                },
                {
                    "title": "A first conversation that does no harm",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>The first contact with an official can decide whether a "
                            "victim accepts help. It can also harm them: by exposing "
                            "them to the trafficker, by forcing them to relive traumatic "
                            "events, or by treating them as offenders. The guiding "
                            "principle, set out in the World Health Organization's "
                            "ethical and safety recommendations for interviewing "
                            "trafficked women (2003), is to do no harm.</p>"
                        ),
                        heading("Before you start"),
                        text(
                            "<ul><li>Separate the person from any companions, calmly and "
                            'without raising suspicion: "Everyone is asked some '
                            'questions on their own".</li>'
                            "<li>Find a private, quiet place.</li>"
                            "<li>Use a professional interpreter who has no link to the "
                            "person's companions or community, and ask the person "
                            "whether they prefer an officer and interpreter of a "
                            "particular sex.</li>"
                            "<li>Offer water, food, rest and medical care if needed.</li>"
                            "</ul>"
                        ),
                        heading("During the conversation"),
                        text(
                            "<p>Introduce yourself and explain your role, what will "
                            "happen and what the person's rights are. Ask open, simple "
                            "questions about their situation, their journey and their "
                            "work. Do not press for detail about abuse: the aim of a "
                            "first conversation is to recognise the situation and "
                            "refer, not to gather evidence for a prosecution. Accept "
                            "silence and breaks.</p>"
                        ),
                        callout(
                            "tip",
                            "Questions that open doors",
                            '<p>"Can you leave your job if you want to?" "Who keeps '
                            'your passport?" "Do you owe money to anyone?" "Has '
                            'anyone threatened you or your family?" "Is there anything '
                            'you are afraid of?"</p>',
                        ),
                        heading("Effects of trauma"),
                        text(
                            "<p>Trauma affects memory and behaviour. A victim may tell "
                            "inconsistent stories, forget dates, appear detached or "
                            "hostile, or change their account over time. None of these "
                            "means they are lying. Record what they say without "
                            "judging it, and note the conditions of the conversation.</p>"
                        ),
                        callout(
                            "warning",
                            "Do not promise what you cannot give",
                            "<p>Never promise a residence permit, protection from "
                            "prosecution or that the person will not be returned. Say "
                            "what will happen next and who can explain their "
                            "options.</p>",
                        ),
                    ],
                },
                {
                    "title": "Children and people in vulnerable situations",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Children are trafficked for every form of exploitation, "
                            "including sexual exploitation, forced labour, forced "
                            "begging and forced criminality. Because the means element "
                            "does not apply to children, the question is only whether "
                            "a child has been moved or received for the purpose of "
                            "exploitation.</p>"
                        ),
                        heading("Principles"),
                        accordion(
                            (
                                "Best interests of the child",
                                "<p>Under Article 3 of the Convention on the Rights of "
                                "the Child, the best interests of the child are a "
                                "primary consideration in all actions concerning "
                                "children. Every decision, from where the child sleeps "
                                "tonight to whether they return home, must be assessed "
                                "against it.</p>",
                            ),
                            (
                                "Presumption of age",
                                "<p>When a person's age is uncertain and there are "
                                "reasons to believe they are a child, treat them as a "
                                "child until their age is determined. Age assessment "
                                "should use the least intrusive methods and be carried "
                                "out by qualified professionals.</p>",
                            ),
                            (
                                "Guardianship",
                                "<p>An unaccompanied or separated child needs a "
                                "guardian or representative appointed without delay, to "
                                "act in the child's interests in every procedure.</p>",
                            ),
                        ),
                        heading("Warning signs with children"),
                        text(
                            "<ul><li>The child travels with an adult who is not a "
                            "parent and cannot show authority to travel with them.</li>"
                            "<li>The adult's story about the child is inconsistent, or "
                            "the child seems afraid of the adult.</li>"
                            "<li>The child has no documents, or documents showing them "
                            "as older than they appear.</li>"
                            "<li>The child says they will work on arrival, or that they "
                            "owe money for the journey.</li></ul>"
                        ),
                        heading("Other situations of vulnerability"),
                        text(
                            "<p>People with disabilities, people without a residence "
                            "status, people in severe debt, and those who have "
                            "experienced violence or discrimination are at higher "
                            "risk. Traffickers exploit vulnerability; the law treats "
                            "the abuse of a position of vulnerability as one of the "
                            "means of trafficking.</p>"
                        ),
                        callout(
                            "warning",
                            "Never return a child without an assessment",
                            "<p>Returning a child to their family or country without "
                            "assessing the risks can deliver them back to the people who "
                            "trafficked them. Refer every possible child victim to the "
                            "child protection services.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Referral and protection",
            "summary": (
                "National referral mechanisms, the non-punishment principle, and working "
                "with partners while protecting victims' data."
            ),
            "lessons": [
                {
                    "title": "National referral mechanisms",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>A national referral mechanism (NRM) is the framework "
                            "through which a state fulfils its obligations to protect "
                            "and promote the rights of victims of trafficking, by "
                            "coordinating the work of state agencies and civil society. "
                            "The concept was set out by the OSCE Office for Democratic "
                            "Institutions and Human Rights in its handbook on national "
                            "referral mechanisms, first published in 2004 and revised "
                            "since.</p>"
                        ),
                        heading("What an NRM defines"),
                        text(
                            "<ul><li>Who may identify a person as a presumed victim, and "
                            "on what grounds.</li>"
                            "<li>Where the person is referred, and how quickly.</li>"
                            "<li>Which assistance is offered: safe accommodation, "
                            "medical and psychological care, legal advice, "
                            "interpretation.</li>"
                            "<li>How residence status, recovery and the person's role in "
                            "criminal proceedings are decided.</li>"
                            "<li>How the agencies share information while respecting "
                            "confidentiality.</li></ul>"
                        ),
                        heading("The recovery and reflection period"),
                        text(
                            "<p>The Council of Europe Convention on Action against "
                            "Trafficking in Human Beings (2005) requires states parties "
                            "to grant a recovery and reflection period of at least 30 "
                            "days when there are reasonable grounds to believe that a "
                            "person is a victim. During this period the person may not "
                            "be removed, receives assistance and can decide, free from "
                            "the trafficker's influence, whether to cooperate with the "
                            "authorities. Assistance must not be made conditional on "
                            "that cooperation.</p>"
                        ),
                        callout(
                            "note",
                            "Reasonable grounds are enough",
                            "<p>Referral does not require proof. It requires reasonable "
                            "grounds to believe that the person may be a victim. The "
                            "formal identification is made later by the competent "
                            "authority.</p>",
                        ),
                        heading("Your role"),
                        text(
                            "<p>Know your country's NRM: the contact point, the form or "
                            "hotline, and what to do outside office hours. When you "
                            "refer someone, explain to them what will happen, and "
                            "record what you observed, what the person told you and to "
                            "whom you referred them. Follow up if you do not receive "
                            "confirmation.</p>"
                        ),
                        callout(
                            "case",
                            "A referral at night",
                            "<p>At 2 a.m. an officer at a land crossing identifies "
                            "indicators in a group of workers in a minibus. The NRM "
                            "hotline arranges for a specialist NGO to send staff and "
                            "secure accommodation for the night; the police take the "
                            "driver's statement separately.</p>",
                        ),
                    ],
                },
                {
                    "title": "The non-punishment principle",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>Victims of trafficking are often made to commit "
                            "offences: they cross borders irregularly, use false "
                            "documents, work without permits, sell drugs or steal. "
                            "Punishing them for these acts punishes the victim for the "
                            "trafficker's crime, deters them from seeking help and "
                            "serves the trafficker, who tells victims that the police "
                            "will arrest them.</p>"
                        ),
                        heading("Where the principle comes from"),
                        text(
                            "<p>Article 26 of the Council of Europe Convention on Action "
                            "against Trafficking in Human Beings requires states to "
                            "provide for the possibility of not imposing penalties on "
                            "victims for their involvement in unlawful activities, to "
                            "the extent that they were compelled to do so. Article 8 of "
                            "the European Union's anti-trafficking Directive 2011/36/EU "
                            "contains a similar provision for prosecution and "
                            "penalties. The OSCE has published policy and legislative "
                            "recommendations on applying the principle, and UN bodies "
                            "have repeatedly called on states to implement it.</p>"
                        ),
                        heading("What it means in practice"),
                        accordion(
                            (
                                "For border and immigration officers",
                                "<p>Irregular entry, use of false documents and "
                                "overstaying are among the offences most often "
                                "committed by victims. Where there are indicators of "
                                "trafficking, refer the person before deciding on "
                                "charges or removal.</p>",
                            ),
                            (
                                "For police",
                                "<p>Consider trafficking when arresting people for "
                                "offences typical of forced criminality, such as "
                                "pickpocketing in organised groups or cannabis "
                                "cultivation.</p>",
                            ),
                            (
                                "For prosecutors and judges",
                                "<p>Assess whether the offence was a direct "
                                "consequence of the trafficking, and use the discretion "
                                "the law gives to discontinue proceedings.</p>",
                            ),
                        ),
                        callout(
                            "note",
                            "A principle, not an amnesty",
                            "<p>Non-punishment applies to offences that are a direct "
                            "consequence of being trafficked. It does not protect every "
                            "act a victim has ever committed, and it does not prevent "
                            "the investigation of facts.</p>",
                        ),
                        callout(
                            "warning",
                            "Records follow people",
                            "<p>A conviction or a removal order recorded against a "
                            "victim can block their access to protection, work and "
                            "travel for years. Getting the decision right at the start "
                            "avoids long corrections later.</p>",
                        ),
                    ],
                },
                {
                    "title": "Working with partners and protecting data",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>No single agency can identify, protect and assist "
                            "victims alone. Police, border guards, labour inspectors, "
                            "prosecutors, social services, health workers, NGOs and "
                            "international organisations each hold part of the "
                            "picture and part of the response.</p>"
                        ),
                        heading("Cooperation agreements"),
                        text(
                            "<p>Written agreements, often memoranda of understanding "
                            "within the national referral mechanism, set out who does "
                            "what, who pays for assistance and how information flows. "
                            "Specialist NGOs frequently run shelters and provide "
                            "counselling; they may also be the first to hear a victim's "
                            "account. Regular case meetings help partners resolve "
                            "problems before they harm the victim.</p>"
                        ),
                        heading("Personal data of victims"),
                        text(
                            "<p>Information about a victim is highly sensitive: it can "
                            "reveal their location to traffickers, expose them to "
                            "stigma in their community or endanger their family. "
                            "Handle it according to data protection law and these "
                            "principles:</p>"
                            "<ul><li><b>Purpose</b>: collect information for a defined "
                            "purpose, such as referral, assistance or investigation, "
                            "and use it only for that.</li>"
                            "<li><b>Minimisation</b>: share only what the recipient "
                            "needs for their task.</li>"
                            "<li><b>Consent and information</b>: tell the person what "
                            "is recorded and shared and with whom; seek consent where "
                            "the law requires it.</li>"
                            "<li><b>Security</b>: store records securely and never "
                            "discuss cases on open channels or social media.</li></ul>"
                        ),
                        callout(
                            "warning",
                            "Never contact the family or the country of origin alone",
                            "<p>Contacting a victim's family or the authorities of "
                            "their country can expose them to the traffickers. Such "
                            "contacts are made only after a risk assessment, through "
                            "the channels your referral mechanism sets out.</p>",
                        ),
                        heading("Looking after yourself"),
                        text(
                            "<p>Listening to accounts of exploitation and abuse takes a "
                            "toll. Secondary traumatic stress is a recognised risk for "
                            "officers working with victims. Use the supervision and "
                            "support your service offers, and talk to colleagues after "
                            "difficult cases.</p>"
                        ),
                    ],
                },
            ],
        },
    ],
}

# --- course 3: migration data analysis ---------------------------------------------------

MIGRATION_STATISTICS = {
    "slug": "migration-statistics-concepts-sources-and-analysis",
    "title": "Migration Statistics: Concepts, Sources and Analysis",
    "topic": "migration-data-analysis",
    "summary": (
        "The definitions behind migration figures, where the data come from and how good "
        "they are, how to protect personal data, and how to turn statistics into risk "
        "analysis and clear, honest reporting."
    ),
    "description": (
        "<p>Decisions about staffing a border, planning language courses or negotiating "
        "a readmission agreement all rest on numbers. This course helps officials read "
        "those numbers correctly, produce them responsibly and explain them to people "
        "who are not statisticians.</p>"
        "<h3>What you will work with</h3>"
        "<ul><li>The United Nations recommendations on statistics of international "
        "migration</li>"
        "<li>Censuses, surveys and administrative registers</li>"
        "<li>Simple rates and comparisons, and the risk analysis model used by many "
        "border services</li></ul>"
        "<p>Worked examples use invented figures for a fictional country.</p>"
    ),
    "objectives": [
        "Distinguish migrant stocks from migration flows and apply the UN definitions of "
        "long-term and short-term migrants.",
        "Choose a data source suited to a question and describe its limitations.",
        "Apply data protection and statistical confidentiality principles to migration data.",
        "Calculate and interpret rates, shares and year-on-year changes.",
        "Present migration data accurately, with sources, uncertainty and neutral language.",
    ],
    "requirements": (
        "Comfort with percentages and simple tables. A spreadsheet program is useful for "
        "the exercises."
    ),
    "level": "intermediate",
    "duration_hours": 6,
    "modules_in_order": False,
    "lesson_completion": "mark_done",
    "modules": [
        {
            "title": "Concepts and definitions",
            "summary": (
                "Stocks and flows, who counts as a migrant, and what border statistics "
                "do and do not measure."
            ),
            "lessons": [
                {
                    "title": "Stocks and flows",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Every migration figure is either a stock or a flow, and "
                            "mixing them up is the most common error in reporting on "
                            "migration.</p>"
                            "<ul><li>A <b>stock</b> is the number of migrants living in "
                            "a country at a given moment, for example on 1 January or "
                            "on census day.</li>"
                            "<li>A <b>flow</b> is the number of people who arrive in or "
                            "leave a country during a period, usually a calendar "
                            "year.</li></ul>"
                            "<p>Stocks change through flows, and also through births, "
                            "deaths and, depending on the definition used, "
                            "naturalisations. A country can have a large stock and "
                            "small flows, or the other way round.</p>"
                        ),
                        heading("The UN recommendations"),
                        text(
                            "<p>The United Nations Recommendations on Statistics of "
                            "International Migration, Revision 1 (1998), define an "
                            "international migrant as a person who changes their "
                            "country of usual residence. They distinguish:</p>"
                            "<ul><li>a <b>long-term migrant</b>, who moves to another "
                            "country for at least a year, so that it effectively "
                            "becomes their new country of usual residence;</li>"
                            "<li>a <b>short-term migrant</b>, who moves for at least "
                            "three months but less than a year, unless the move is for "
                            "recreation, holiday, visits to friends and relatives, "
                            "business, medical treatment or religious "
                            "pilgrimage.</li></ul>"
                        ),
                        callout(
                            "note",
                            "A revised framework",
                            "<p>In 2021 the UN Statistical Commission endorsed a revised "
                            "conceptual framework and definitions on international "
                            "migration, prepared by an expert group, which place "
                            "migration within the wider measurement of population "
                            "mobility. Check which definitions your national statistics "
                            "office applies before comparing figures.</p>",
                        ),
                        heading("Net migration"),
                        text(
                            "<p>Net migration is immigration minus emigration over a "
                            "period. It is often estimated as a residual: the change in "
                            "population minus births plus deaths. A small net figure "
                            "can hide large movements in both directions, so report "
                            "immigration and emigration as well whenever you can.</p>"
                        ),
                        callout(
                            "case",
                            "One question, two answers",
                            "<p>A minister asks how many migrants the country has. The "
                            "statistics office reports a stock of 410,000 foreign-born "
                            "residents; the interior ministry reports 52,000 first "
                            "residence permits issued last year. Both are correct. The "
                            "first is a stock, the second a flow, and a briefing must "
                            "say which is which.</p>",
                        ),
                    ],
                },
                {
                    "title": "Who counts as a migrant",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>Statistics identify migrants through one of a few "
                            "characteristics, and each gives a different number for the "
                            "same population.</p>"
                        ),
                        accordion(
                            (
                                "Country of birth",
                                "<p>The foreign-born population includes everyone born "
                                "abroad, whatever their citizenship. It does not change "
                                "when people naturalise, which makes it well suited to "
                                "international comparison. It includes citizens born "
                                "abroad to parents who were citizens, which can matter "
                                "in countries with large emigrant communities.</p>",
                            ),
                            (
                                "Citizenship",
                                "<p>The foreign population includes everyone who is not "
                                "a citizen, including people born in the country to "
                                "foreign parents where citizenship is not acquired by "
                                "birth. It falls when people naturalise, so countries "
                                "with easy naturalisation appear to have fewer "
                                "foreigners.</p>",
                            ),
                            (
                                "Country of previous residence",
                                "<p>Used for flows: an immigrant is someone whose "
                                "previous usual residence was abroad. Returning citizens "
                                "are immigrants under this definition.</p>",
                            ),
                        ),
                        text(
                            "<p>The United Nations' international migrant stock "
                            "estimates use country of birth where it is available and "
                            "citizenship where it is not, and say so in their metadata. "
                            "That is good practice for any table you publish.</p>"
                        ),
                        heading("Usual residence"),
                        text(
                            "<p>All these definitions depend on usual residence: the "
                            "place where a person normally spends their daily period of "
                            "rest. Countries set different minimum durations and "
                            "different rules for students, seasonal workers and "
                            "asylum seekers, which is one reason why the immigration "
                            "reported by one country rarely matches the emigration "
                            "reported by its partner.</p>"
                        ),
                        callout(
                            "tip",
                            "Second generation",
                            "<p>For integration questions you may need to know about "
                            "people born in the country to migrant parents. Many "
                            "censuses and surveys ask about parents' country of birth "
                            "for this reason. Describe such groups precisely; do not "
                            "call them migrants.</p>",
                        ),
                    ],
                },
                {
                    "title": "What border statistics measure",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Border and immigration services produce large volumes of "
                            "data as a by-product of their work. These administrative "
                            "data are timely and detailed, but they count events and "
                            "decisions, not people or migrants.</p>"
                        ),
                        accordion(
                            (
                                "Border crossings",
                                "<p>A frequent traveller who crosses twice a week "
                                "appears a hundred times a year. Crossing counts "
                                "measure traffic, which is what you need for staffing "
                                "and infrastructure, not the number of travellers.</p>",
                            ),
                            (
                                "Detections of irregular crossing",
                                "<p>These count detections. The same person may be "
                                "detected several times, at different borders or on "
                                "repeated attempts, and people who are not detected do "
                                "not appear. A rise can reflect more crossings or more "
                                "surveillance.</p>",
                            ),
                            (
                                "Refusals of entry",
                                "<p>Refusals count decisions and depend on the volume "
                                "of passengers, on checking practice and on the "
                                "nationalities travelling. Compare them as a rate per "
                                "1,000 passengers, not as raw numbers.</p>",
                            ),
                            (
                                "Visas and residence permits",
                                "<p>A visa issued is not a journey made. Residence "
                                "permit statistics should distinguish first permits "
                                "from renewals and show the reason, such as family, "
                                "education or work.</p>",
                            ),
                            (
                                "Asylum applications",
                                "<p>Distinguish first-time applicants from repeated "
                                "applications, and applications from decisions. A "
                                "decision in one year may concern an application made "
                                "several years earlier.</p>",
                            ),
                        ),
                        callout(
                            "warning",
                            "Practice changes the numbers",
                            "<p>A new system, a new category or a new checking "
                            "instruction can produce a break in a series that looks "
                            "like a trend. Keep a log of such changes and read it "
                            "before interpreting any movement.</p>",
                        ),
                        heading("Linking records"),
                        text(
                            "<p>Entry and exit records can be linked to estimate stays "
                            "and overstays, but only where both are recorded reliably "
                            "and identities can be matched. Any linking of personal "
                            "records must have a legal basis and respect data "
                            "protection rules.</p>"
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Data sources and quality",
            "summary": (
                "Censuses, surveys and registers, the dimensions of data quality, and the "
                "protection of personal data."
            ),
            "lessons": [
                {
                    "title": "Censuses, surveys and administrative registers",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>No single source answers every question about migration. "
                            "Choosing the right source, and knowing its blind spots, is "
                            "the first step of any analysis.</p>"
                        ),
                        heading("Population censuses"),
                        text(
                            "<p>A census counts the whole population, usually every ten "
                            "years. The United Nations recommends that censuses ask "
                            "about country of birth, citizenship and year or period of "
                            "arrival, which makes the census the most complete source "
                            "for migrant stocks and their characteristics: age, sex, "
                            "education, occupation, household. Its weaknesses are "
                            "infrequency, and the under-coverage of people who are "
                            "mobile, in irregular situations or afraid of the "
                            "authorities.</p>"
                        ),
                        heading("Household surveys"),
                        text(
                            "<p>Labour force surveys and other household surveys are "
                            "carried out more often and ask detailed questions, for "
                            "example about employment, over-qualification and language "
                            "skills. Because they use samples, estimates for small "
                            "groups have large margins of error, and recent arrivals "
                            "are often under-represented.</p>"
                        ),
                        heading("Administrative sources"),
                        text(
                            "<p>Population registers, residence permit and visa "
                            "systems, border records, asylum case management and "
                            "social security registers are continuous and detailed. "
                            "They cover only the people and events the administration "
                            "deals with, and they follow legal categories that change "
                            "when the law changes.</p>"
                        ),
                        accordion(
                            (
                                "Question: how many foreign-born residents are unemployed?",
                                "<p>Labour force survey, with the margin of error "
                                "reported, or the census for detailed breakdowns.</p>",
                            ),
                            (
                                "Question: how many work permits were issued last month?",
                                "<p>The permit register: it is complete for this "
                                "question and available quickly.</p>",
                            ),
                            (
                                "Question: how many people live in the country irregularly?",
                                "<p>No source counts them directly. Estimates combine "
                                "sources with explicit assumptions and must be "
                                "presented as ranges.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "Read the metadata first",
                            "<p>Before using a table, find out who produced it, from "
                            "which source, with which definitions, for which period and "
                            "population. If you cannot find out, say so when you use "
                            "it.</p>",
                        ),
                    ],
                },
                {
                    "title": "Data quality",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Quality is not one property but several, and improving "
                            "one can cost another. The European Statistics Code of "
                            "Practice describes the quality of statistical output in "
                            "five groups, which are a useful checklist for any "
                            "migration figure.</p>"
                        ),
                        accordion(
                            (
                                "Relevance",
                                "<p>Does the figure answer the question users are "
                                "asking? A count of visas issued is not relevant to a "
                                "question about how many people arrived.</p>",
                            ),
                            (
                                "Accuracy and reliability",
                                "<p>How close is the figure to the true value, and how "
                                "much does it change when revised? Sampling error, "
                                "under-coverage, double counting and coding errors all "
                                "reduce accuracy.</p>",
                            ),
                            (
                                "Timeliness and punctuality",
                                "<p>How soon after the period is the figure available, "
                                "and is it published when announced? Census results "
                                "are accurate but old; border data are fast but "
                                "narrow.</p>",
                            ),
                            (
                                "Coherence and comparability",
                                "<p>Can the figure be compared over time, between "
                                "regions and between countries, and combined with "
                                "other statistics? Changes in definitions or systems "
                                "break series.</p>",
                            ),
                            (
                                "Accessibility and clarity",
                                "<p>Can users find the figure and understand it, with "
                                "its definitions and limitations?</p>",
                            ),
                        ),
                        heading("Mirror statistics"),
                        text(
                            "<p>One simple test of quality is to compare the "
                            "immigration from country A reported by country B with the "
                            "emigration to country B reported by country A. The two "
                            "rarely agree, because of different definitions of usual "
                            "residence and because emigration is under-reported: people "
                            "seldom deregister when they leave. Large gaps show where "
                            "a definition or a source needs attention.</p>"
                        ),
                        callout(
                            "note",
                            "Revisions are normal",
                            "<p>Provisional figures are revised when late records "
                            "arrive. Label provisional data clearly and keep earlier "
                            "versions, so that users can see what changed and "
                            "why.</p>",
                        ),
                        callout(
                            "case",
                            "A sudden fall",
                            "<p>Monthly first residence permits fall by a third. Before "
                            "the figure reaches a briefing, an analyst finds that a "
                            "regional office moved to a new case system and its records "
                            "have not yet been transferred. The figure is published "
                            "with a note, and revised the following month.</p>",
                        ),
                    ],
                },
                {
                    "title": "Protecting personal data",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Migration data are about people, often people in "
                            "vulnerable situations. Records of asylum seekers, victims "
                            "of trafficking or people without a residence status can "
                            "put them at risk if they are misused or leak. Protecting "
                            "these data is a legal obligation and a condition of public "
                            "trust.</p>"
                        ),
                        heading("Principles of data protection"),
                        text(
                            "<p>Modern data protection laws share common principles, "
                            "found for example in the Council of Europe's Convention 108 "
                            "and the European Union's General Data Protection "
                            "Regulation:</p>"
                            "<ul><li><b>Lawfulness and transparency</b>: process data "
                            "only on a legal basis and tell people how their data are "
                            "used.</li>"
                            "<li><b>Purpose limitation</b>: data collected for one "
                            "purpose are not reused for an incompatible one.</li>"
                            "<li><b>Data minimisation</b>: collect and keep only what "
                            "is necessary.</li>"
                            "<li><b>Accuracy</b>: keep data correct and up to date.</li>"
                            "<li><b>Storage limitation</b>: delete or anonymise data "
                            "when they are no longer needed.</li>"
                            "<li><b>Integrity and confidentiality</b>: protect data "
                            "against unauthorised access and loss.</li></ul>"
                        ),
                        heading("Statistical confidentiality"),
                        text(
                            "<p>The United Nations Fundamental Principles of Official "
                            "Statistics state, in principle 6, that individual data "
                            "collected for statistical compilation are to be strictly "
                            "confidential and used exclusively for statistical "
                            "purposes. Statistics must never become a way to locate or "
                            "identify individuals.</p>"
                        ),
                        callout(
                            "warning",
                            "Small numbers identify people",
                            "<p>A table showing one asylum applicant of a given "
                            "nationality, sex and age in a small town identifies that "
                            "person. Suppress or aggregate small cells; many statistics "
                            "offices use a threshold such as 5 or 10, and also check "
                            "that suppressed values cannot be worked out from the "
                            "totals.</p>",
                        ),
                        callout(
                            "tip",
                            "Share aggregates, not records",
                            "<p>When a partner asks for data, ask what question they "
                            "want to answer. Most needs can be met with aggregated "
                            "tables; transfer individual records only with a legal "
                            "basis and an agreement that sets out security and "
                            "retention.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Analysis for operations and policy",
            "summary": (
                "Rates and comparisons, risk analysis at the border, and presenting data "
                "clearly and responsibly."
            ),
            "lessons": [
                {
                    "title": "Rates, shares and comparisons",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>Raw numbers grow with the size of what they count. To "
                            "compare places and periods, relate a number to the "
                            "population or traffic it comes from.</p>"
                        ),
                        heading("Rates"),
                        text(
                            "<p>A rate divides events by the population at risk and "
                            "multiplies by a convenient base. Last year an airport "
                            "handled 1,250,000 arriving passengers and refused entry to "
                            "1,500: a rate of 1.2 refusals per 1,000 passengers. This "
                            "year refusals rose to 1,800, an increase of 20%, but "
                            "passengers rose to 1,600,000, so the rate fell to about "
                            '1.13 per 1,000. A headline about "20% more refusals" '
                            "would be true and misleading.</p>"
                        ),
                        heading("Shares"),
                        text(
                            "<p>A share divides part of a population by the whole. If "
                            "410,000 of a country's 5.2 million residents were born "
                            "abroad, the foreign-born share is about 7.9%. Shares are "
                            "easy to understand but can move because the denominator "
                            "changes: the share can rise when native-born residents "
                            "emigrate, even if no one arrives.</p>"
                        ),
                        heading("Comparing over time"),
                        accordion(
                            (
                                "Seasonality",
                                "<p>Border traffic, seasonal work and asylum "
                                "applications follow seasons. Compare a month with the "
                                "same month of the previous year, not with the previous "
                                "month.</p>",
                            ),
                            (
                                "Small numbers",
                                "<p>From 4 cases to 8 is an increase of 100% and "
                                "probably noise. Give the absolute numbers alongside "
                                "percentages.</p>",
                            ),
                            (
                                "Moving averages",
                                "<p>A three-month or twelve-month moving average "
                                "smooths irregular series and makes the trend "
                                "visible.</p>",
                            ),
                            (
                                "Base effects",
                                "<p>A large increase after an unusually low year, such "
                                "as a year of travel restrictions, may only be a "
                                "return to normal.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "Write the sentence before the chart",
                            "<p>State your finding in one sentence with its numbers: "
                            '"The refusal rate fell from 1.2 to 1.1 per 1,000 '
                            'passengers while traffic grew by 28%." If you cannot, '
                            "the analysis is not finished.</p>",
                        ),
                    ],
                },
                {
                    "title": "Risk analysis at the border",
                    "minutes": 14,
                    "body": [
                        text(
                            "<p>Risk analysis turns data and information into "
                            "assessments that guide decisions: where to deploy staff, "
                            "which flights to check more closely, which training to "
                            "give. Many border services use the Common Integrated Risk "
                            "Analysis Model (CIRAM) developed by Frontex, or models "
                            "based on it.</p>"
                        ),
                        heading("Threat, vulnerability and impact"),
                        text(
                            "<p>In CIRAM, risk is a function of three components:</p>"
                            "<ul><li><b>Threat</b>: the magnitude and likelihood of a "
                            "phenomenon, such as the use of a particular kind of "
                            "fraudulent document on a route.</li>"
                            "<li><b>Vulnerability</b>: how capable the border system "
                            "is of detecting and stopping it, such as the equipment "
                            "and training at the crossing points concerned.</li>"
                            "<li><b>Impact</b>: the consequences if the threat "
                            "materialises, for security, for the people involved and "
                            "for the functioning of the border.</li></ul>"
                            "<p>A threat that the system handles well may be a low "
                            "risk; a small threat that exploits a serious weakness may "
                            "be a high one.</p>"
                        ),
                        heading("The analysis cycle"),
                        accordion(
                            (
                                "Direction",
                                "<p>Decision-makers state what they need to know and by when.</p>",
                            ),
                            (
                                "Collection",
                                "<p>Statistics, incident reports, referrals, debriefing "
                                "of migrants, reports from liaison officers and open "
                                "sources.</p>",
                            ),
                            (
                                "Evaluation and analysis",
                                "<p>Assess the reliability of each source and the "
                                "credibility of each piece of information, then "
                                "identify patterns, trends and their causes.</p>",
                            ),
                            (
                                "Dissemination and feedback",
                                "<p>Deliver the product to those who act on it, in a "
                                "form they can use, and ask what worked.</p>",
                            ),
                        ),
                        callout(
                            "warning",
                            "Indicators, not profiles",
                            "<p>Risk indicators must describe behaviour, routes, "
                            "documents and travel patterns. Indicators based on "
                            "nationality, ethnicity or religion alone are "
                            "discriminatory, unlawful in many countries and "
                            "operationally weak, because they are easy for criminal "
                            "networks to avoid.</p>",
                        ),
                        callout(
                            "case",
                            "From referrals to a briefing",
                            "<p>Three airports report impostors using genuine passports "
                            "of the same state, all arriving via the same hub. The "
                            "analysis unit identifies the route and the age profile of "
                            "the document holders, and issues a one-page alert to "
                            "first-line officers with facial comparison tips. "
                            "Detections rise in the following weeks.</p>",
                        ),
                    ],
                },
                {
                    "title": "Presenting data responsibly",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Migration figures are quoted in political debate and "
                            "the media, often without their context. The way officials "
                            "present them can inform that debate or distort it.</p>"
                        ),
                        heading("Say what the number is"),
                        text(
                            "<p>Every figure you publish needs its definition, source, "
                            'period and coverage: "first residence permits issued for '
                            "work reasons, interior ministry register, calendar year, "
                            'excluding renewals". Give the margin of error for survey '
                            "estimates and a range for any estimate built on "
                            "assumptions.</p>"
                        ),
                        heading("Charts that do not mislead"),
                        text(
                            "<ul><li>Start bar chart axes at zero.</li>"
                            "<li>Use the same scale when comparing charts side by "
                            "side.</li>"
                            "<li>Show breaks in series, for example after a change of "
                            "definition.</li>"
                            "<li>Prefer rates to raw numbers when populations "
                            "differ.</li>"
                            "<li>Label axes and units; put the source under the "
                            "chart.</li></ul>"
                        ),
                        heading("Words matter"),
                        text(
                            '<p>Use precise, neutral terms. Say "irregular" rather '
                            'than "illegal" migrants: a person is not illegal, and '
                            "international organisations have long recommended the "
                            "term. Distinguish asylum seekers, refugees and other "
                            "migrants, because they have different legal statuses. "
                            "Avoid metaphors of floods and waves, which describe people "
                            "as a natural disaster.</p>"
                        ),
                        heading("Disaggregate"),
                        text(
                            "<p>Objective 1 of the Global Compact for Safe, Orderly and "
                            "Regular Migration (2018) calls for accurate and "
                            "disaggregated data as a basis for evidence-based policies, "
                            "and Sustainable Development Goal target 17.18 calls for "
                            "data disaggregated by characteristics including sex, age "
                            "and migratory status. Breakdowns by sex and age reveal "
                            "patterns that totals hide, as long as small cells are "
                            "protected.</p>"
                        ),
                        callout(
                            "tip",
                            "Test with a colleague",
                            "<p>Before publishing, show your chart and sentence to a "
                            "colleague who did not work on them and ask what they "
                            "understand. If they draw a conclusion you did not intend, "
                            "change the presentation.</p>",
                        ),
                    ],
                },
            ],
        },
    ],
}

# --- course 4: migrant integration -------------------------------------------------------

INTEGRATION_SERVICES = {
    "slug": "supporting-migrant-integration",
    "title": "Supporting Migrant Integration: Policy and Practice",
    "topic": "migrant-integration",
    "summary": (
        "What integration means and how it is measured, how language learning, "
        "recognition of qualifications and access to work and services support it, and "
        "how public officials can promote equal treatment and local cooperation."
    ),
    "description": (
        "<p>Integration happens in classrooms, workplaces, clinics and neighbourhoods, and "
        "in the offices where migrants meet public officials. This course introduces the "
        "policies and practices that help newcomers take part in economic, social and "
        "civic life, and the role front-line officials play.</p>"
        "<h3>Who it is for</h3>"
        "<ul><li>Staff of integration, employment, social and education services</li>"
        "<li>Immigration officials who inform residence permit holders of their rights "
        "and obligations</li>"
        "<li>Municipal staff who coordinate local integration work</li></ul>"
        "<p>The modules are taken in order, from concepts to practice.</p>"
    ),
    "objectives": [
        "Explain integration as a two-way process and name its main dimensions.",
        "Use integration indicators and policy indexes to describe a situation.",
        "Describe how language learning and the recognition of qualifications support "
        "access to the labour market.",
        "Identify barriers to public services and ways to reduce them.",
        "Contribute to local cooperation and to the prevention of discrimination.",
    ],
    "requirements": "None. The course is suitable for new staff.",
    "level": "introductory",
    "duration_hours": 4,
    "modules_in_order": True,
    "lesson_completion": "reach_end",
    "modules": [
        {
            "title": "Understanding integration",
            "summary": (
                "Integration as a two-way process, the indicators used to measure it, and "
                "the part officials play."
            ),
            "lessons": [
                {
                    "title": "What integration means",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>There is no single legal definition of integration, but "
                            "there is broad agreement about what it involves. The "
                            "European Union's Common Basic Principles for Immigrant "
                            "Integration Policy, adopted in 2004, open with a definition "
                            "that many countries share: integration is a dynamic, "
                            "two-way process of mutual accommodation by all immigrants "
                            "and residents.</p>"
                        ),
                        heading("A two-way process"),
                        text(
                            "<p>Two-way means that newcomers are expected to learn the "
                            "language, respect the law and take part in society, and "
                            "that the receiving society is expected to open its "
                            "institutions, labour market and communities to them on "
                            "equal terms. Integration fails when either side is left "
                            "to do all the work.</p>"
                        ),
                        heading("Dimensions of integration"),
                        accordion(
                            (
                                "Economic",
                                "<p>Employment, income, the use of skills and "
                                "qualifications, entrepreneurship and freedom from "
                                "poverty.</p>",
                            ),
                            (
                                "Social",
                                "<p>Education, health, housing, and relationships with "
                                "neighbours, colleagues and the wider community.</p>",
                            ),
                            (
                                "Cultural",
                                "<p>Language, knowledge of the society, and the freedom "
                                "to keep one's own culture and religion within the "
                                "law.</p>",
                            ),
                            (
                                "Civic and political",
                                "<p>Secure residence, participation in associations and "
                                "public life, and, over time, access to citizenship "
                                "and voting.</p>",
                            ),
                        ),
                        text(
                            "<p>The dimensions reinforce each other. Language skills "
                            "open jobs; a job brings colleagues and language practice; "
                            "secure residence makes it worth investing in both. Delays "
                            "in any one can hold back the others, which is why early "
                            "support pays off.</p>"
                        ),
                        callout(
                            "note",
                            "Whole of government, whole of society",
                            "<p>Integration is not the task of one ministry. Education, "
                            "labour, health, housing and interior ministries, "
                            "municipalities, employers, trade unions and civil society "
                            "all shape it. Most integration policy today is delivered "
                            "through general services, adapted where needed, rather "
                            "than through separate services for migrants.</p>",
                        ),
                        callout(
                            "case",
                            "The first year",
                            "<p>A family arrives through family reunification. In the "
                            "first year, the father's residence permit, the children's "
                            "school enrolment, the mother's language course and the "
                            "family's registration with a doctor involve five different "
                            "offices. How well those offices work together decides how "
                            "the family experiences integration.</p>",
                        ),
                    ],
                },
                {
                    "title": "Measuring integration",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Policy makers need to know whether integration is "
                            "improving and where it is not. Two kinds of measurement "
                            "answer different questions: outcome indicators show how "
                            "migrants are doing, policy indexes show what governments "
                            "are doing.</p>"
                        ),
                        heading("Outcome indicators"),
                        text(
                            "<p>In 2010 the Zaragoza Declaration of European Union "
                            "ministers set out common integration indicators in four "
                            "areas:</p>"
                            "<ul><li><b>Employment</b>: employment, unemployment and "
                            "activity rates.</li>"
                            "<li><b>Education</b>: highest educational attainment, early "
                            "school leaving, skills of young people.</li>"
                            "<li><b>Social inclusion</b>: income, risk of poverty, "
                            "self-reported health, home ownership.</li>"
                            "<li><b>Active citizenship</b>: naturalisation, long-term "
                            "residence, representation among elected "
                            "officials.</li></ul>"
                            "<p>The OECD and the European Commission publish comparable "
                            "indicators in their joint report <i>Indicators of Immigrant "
                            "Integration: Settling In</i>.</p>"
                        ),
                        heading("Policy indexes"),
                        text(
                            "<p>The Migrant Integration Policy Index (MIPEX) scores "
                            "countries' laws and policies in eight areas: labour market "
                            "mobility, family reunification, education, health, "
                            "political participation, permanent residence, access to "
                            "nationality and anti-discrimination. It measures what the "
                            "rules say, not how they work in practice.</p>"
                        ),
                        callout(
                            "warning",
                            "Compare like with like",
                            "<p>Migrants differ from the native-born population in age, "
                            "education and length of stay. A gap in employment rates "
                            "may narrow or widen once these are taken into account. "
                            "Compare groups with similar characteristics, and "
                            "distinguish recent arrivals from long-settled "
                            "residents.</p>",
                        ),
                        callout(
                            "tip",
                            "Ask the people concerned",
                            "<p>Statistics show gaps; they rarely explain them. Surveys "
                            "of migrants' experiences, focus groups and the knowledge "
                            "of front-line staff tell you why a service is not used or "
                            "a course is abandoned.</p>",
                        ),
                        text(
                            "<p>Good monitoring combines both kinds of measure: when a "
                            "policy changes, outcome indicators should show, after a "
                            "reasonable delay, whether the change made a "
                            "difference.</p>"
                        ),
                    ],
                },
                {
                    "title": "The role of public officials",
                    "minutes": 10,
                    "body": [
                        text(
                            "<p>For many newcomers, the state is the official across "
                            "the desk. The way that official explains a decision, "
                            "answers a question or refers a case shapes the newcomer's "
                            "trust in public institutions, and their willingness to "
                            "use services they are entitled to.</p>"
                        ),
                        heading("Clear information"),
                        text(
                            "<p>Newcomers often do not know which office does what, "
                            "which documents they need or what their rights and "
                            "obligations are. Explain procedures in plain language, "
                            "give written information in languages the person reads, "
                            "and check understanding by asking the person to tell you "
                            "what happens next. Use professional interpreters for "
                            "important conversations; children should not interpret "
                            "for their parents.</p>"
                        ),
                        heading("Fair use of discretion"),
                        text(
                            "<p>Officials often have discretion: to grant an extension, "
                            "accept an alternative document or prioritise a case. Use "
                            "it consistently, for reasons you can record and explain, "
                            "and in the same way for people of every origin. "
                            "Inconsistent treatment, even with good intentions, is "
                            "experienced as unfair.</p>"
                        ),
                        accordion(
                            (
                                "Cultural awareness",
                                "<p>Expectations about punctuality, forms of address, "
                                "eye contact or dealing with officials of the other sex "
                                "vary. Awareness helps avoid misunderstandings; it does "
                                "not change the rules that apply to everyone.</p>",
                            ),
                            (
                                "Referral",
                                "<p>Know the services around you: language courses, "
                                "employment counselling, legal aid, victim support. A "
                                "good referral names the service, explains why, and "
                                "where possible makes the first contact.</p>",
                            ),
                            (
                                "Recording",
                                "<p>Keep a brief note of what was explained and in "
                                "which language. It protects the person and the "
                                "official if there is a dispute later.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "One more question",
                            '<p>Before ending a conversation, ask: "Is there anything '
                            'else you need to know?" Newcomers often hesitate to ask, '
                            "and a two-minute answer can prevent a failed application "
                            "months later.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Language, skills and work",
            "summary": (
                "Language learning, the recognition of qualifications, and access to the "
                "labour market."
            ),
            "lessons": [
                {
                    "title": "Language learning",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Knowing the language of the receiving country is "
                            "consistently linked to better employment, health and "
                            "social participation. Most countries offer or require "
                            "language courses for newcomers; the design of those "
                            "courses determines whether people complete them.</p>"
                        ),
                        heading("Levels"),
                        text(
                            "<p>Many countries describe language levels using the "
                            "Common European Framework of Reference for Languages "
                            "(CEFR), which has six levels grouped in three bands: "
                            "A1 and A2 (basic user), B1 and B2 (independent user), "
                            "C1 and C2 (proficient user). Requirements for permanent "
                            "residence or citizenship are often set at A2 or B1; many "
                            "skilled jobs need B2 or higher.</p>"
                        ),
                        heading("What makes courses work"),
                        accordion(
                            (
                                "Early start",
                                "<p>Courses that begin soon after arrival, even while "
                                "an asylum or permit decision is pending, use a period "
                                "that would otherwise be lost.</p>",
                            ),
                            (
                                "Flexibility",
                                "<p>Evening, weekend, part-time and online options let "
                                "people learn while working or caring for children. "
                                "Childcare during classes raises participation, "
                                "especially of women.</p>",
                            ),
                            (
                                "Different tracks",
                                "<p>Learners range from people who have never been to "
                                "school to university graduates. Separate tracks for "
                                "literacy, standard and fast learners prevent both "
                                "drop-out and boredom.</p>",
                            ),
                            (
                                "Language for work",
                                "<p>Vocational language courses, combined with work "
                                "placements, teach the vocabulary of a sector and give "
                                "learners daily practice.</p>",
                            ),
                        ),
                        callout(
                            "note",
                            "Obligations and incentives",
                            "<p>Some countries make courses compulsory and link them to "
                            "residence rights; others rely on free places and "
                            "incentives. Whichever approach applies, there must be "
                            "enough places, at times people can attend, for an "
                            "obligation to be fair.</p>",
                        ),
                        callout(
                            "case",
                            "From waiting list to workplace",
                            "<p>A municipality with a six-month waiting list for "
                            "language courses partners with local employers to run "
                            "classes at two warehouses and a care home. Attendance is "
                            "higher than in the central classes, and several learners "
                            "are offered contracts.</p>",
                        ),
                        text(
                            "<p>As an official, you can help by knowing the courses "
                            "available in your area, their waiting times and entry "
                            "levels, and by referring people early.</p>"
                        ),
                    ],
                },
                {
                    "title": "Recognition of qualifications and skills",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Many migrants work below their qualifications. "
                            "Over-qualification wastes skills the economy needs and "
                            "lowers incomes and motivation. Recognition of foreign "
                            "qualifications and assessment of skills are among the "
                            "most effective integration measures, and among the most "
                            "often neglected.</p>"
                        ),
                        heading("The legal framework"),
                        text(
                            "<p>The Council of Europe and UNESCO Convention on the "
                            "Recognition of Qualifications concerning Higher Education "
                            "in the European Region (the Lisbon Recognition Convention, "
                            "1997) requires parties to recognise foreign qualifications "
                            "unless they can show a substantial difference. Its Article "
                            "VII asks parties to develop procedures to assess the "
                            "qualifications of refugees and people in a refugee-like "
                            "situation even when they cannot be documented. UNESCO's "
                            "global convention on higher education qualifications "
                            "extends similar principles worldwide.</p>"
                        ),
                        heading("Kinds of recognition"),
                        accordion(
                            (
                                "Regulated professions",
                                "<p>Doctors, nurses, teachers, lawyers and engineers "
                                "often need formal authorisation to practise. "
                                "Procedures may require adaptation periods or "
                                "aptitude tests, and language certificates.</p>",
                            ),
                            (
                                "Academic recognition",
                                "<p>Statements of comparability for further study or "
                                "for employers, usually issued by a national "
                                "recognition information centre.</p>",
                            ),
                            (
                                "Missing documents",
                                "<p>Refugees may have no diplomas. The Council of "
                                "Europe's European Qualifications Passport for "
                                "Refugees and UNESCO's Qualifications Passport assess "
                                "qualifications through structured interviews with "
                                "credential evaluators.</p>",
                            ),
                            (
                                "Skills without diplomas",
                                "<p>Many people have skills learnt at work. Skills "
                                "assessment tools and the validation of non-formal "
                                "learning make them visible to employers.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "Partial recognition",
                            "<p>When a qualification is not fully equivalent, ask "
                            "whether partial recognition and a bridging course are "
                            "possible. Months of top-up training are better than "
                            "starting again.</p>",
                        ),
                        text(
                            "<p>Procedures are often slow, expensive and hard to "
                            "navigate. Officials can help by pointing people to the "
                            "competent authority early, explaining costs and "
                            "translations required, and advising them to keep copies "
                            "of every certificate they have.</p>"
                        ),
                    ],
                },
                {
                    "title": "Access to the labour market",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Employment is the main route to economic independence "
                            "and a strong driver of social integration. Migrants' access "
                            "to work depends first on their legal status, and then on "
                            "the support and barriers they meet.</p>"
                        ),
                        heading("The legal conditions"),
                        text(
                            "<p>Work rights differ by permit. Labour migrants are "
                            "admitted to work; family members and refugees usually have "
                            "full access; asylum seekers often gain access after a "
                            "waiting period set by law. Some permits tie the holder to "
                            "one employer, which increases the risk of exploitation. "
                            "Check the exact conditions of each permit: misinformation "
                            "about work rights keeps people out of jobs they are "
                            "allowed to take.</p>"
                        ),
                        heading("Common barriers"),
                        text(
                            "<ul><li>Language skills below the level a job needs.</li>"
                            "<li>Qualifications not recognised, or not yet "
                            "assessed.</li>"
                            "<li>No professional network and no local work "
                            "experience.</li>"
                            "<li>Discrimination in recruitment.</li>"
                            "<li>Lack of childcare and transport.</li></ul>"
                        ),
                        heading("What helps"),
                        accordion(
                            (
                                "Early skills profiling",
                                "<p>Recording a newcomer's education and work "
                                "experience soon after arrival, for example with the "
                                "European Union's Skills Profile Tool for Third Country "
                                "Nationals, helps counsellors plan the next steps.</p>",
                            ),
                            (
                                "Work placements and mentoring",
                                "<p>Placements give local experience and references; "
                                "mentors from the same profession give networks and "
                                "advice.</p>",
                            ),
                            (
                                "Employer engagement",
                                "<p>Employers need clear information about work rights "
                                "and simple procedures. Public employment services can "
                                "match candidates and explain the rules.</p>",
                            ),
                            (
                                "Self-employment",
                                "<p>Business advice and access to credit help migrants "
                                "who want to start a company.</p>",
                            ),
                        ),
                        callout(
                            "warning",
                            "Protection against exploitation",
                            "<p>Workers who depend on an employer for their permit, do "
                            "not know their rights or are in debt for their recruitment "
                            "are at risk of exploitation. Inform people of minimum "
                            "wages and working hours and of where to report abuse, and "
                            "refer possible cases of forced labour to the labour "
                            "inspectorate or the national referral mechanism.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Services and communities",
            "summary": (
                "Access to housing, health and education, equal treatment, and cooperation "
                "at local level."
            ),
            "lessons": [
                {
                    "title": "Access to housing, health and education",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Entitlement to a service is not the same as access to "
                            "it. Newcomers may be entitled to health care or schooling "
                            "and still not use it, because they do not know about it, "
                            "cannot communicate with the staff or cannot meet the "
                            "paperwork. Reducing these barriers is a practical "
                            "integration task.</p>"
                        ),
                        accordion(
                            (
                                "Housing",
                                "<p>Newcomers often face high rents, demands for "
                                "deposits and guarantors, and discrimination by "
                                "landlords. Dispersal policies that place people where "
                                "housing is available but jobs are not can slow "
                                "integration. Information on tenants' rights and "
                                "support in dealing with landlords help.</p>",
                            ),
                            (
                                "Health",
                                "<p>Migrants may arrive with health needs linked to "
                                "their journey, including psychological trauma. "
                                "Registration with a primary care doctor, "
                                "interpretation in consultations and information about "
                                "how the health system works improve access. Public "
                                "health programmes such as vaccination should reach "
                                "everyone, whatever their status.</p>",
                            ),
                            (
                                "Education",
                                "<p>Children should be enrolled in school quickly, with "
                                "language support that does not keep them apart from "
                                "other pupils for long. Adults may need literacy "
                                "classes, second-chance education or access to "
                                "vocational training.</p>",
                            ),
                        ),
                        heading("Ways to reduce barriers"),
                        text(
                            "<ul><li><b>One-stop shops</b> bring several services under "
                            "one roof, so that newcomers do not have to find each "
                            "office separately.</li>"
                            "<li><b>Information in several languages</b>, in print, "
                            "online and through community organisations.</li>"
                            "<li><b>Interpretation</b>, in person, by telephone or by "
                            "video, for any conversation with consequences.</li>"
                            "<li><b>Cultural mediators</b> who explain how services "
                            "work and help staff understand users' needs.</li></ul>"
                        ),
                        callout(
                            "note",
                            "Mainstream first",
                            "<p>Most countries aim to serve migrants through general "
                            "services, adapted to their needs, rather than through a "
                            "separate system. Targeted measures are used for a limited "
                            "time, for example in the first years after arrival.</p>",
                        ),
                        callout(
                            "case",
                            "A missed appointment",
                            "<p>A clinic records many missed appointments among newly "
                            "arrived patients. Interviews show that the reminder "
                            "letters were only in the national language. After adding "
                            "text-message reminders in four languages, missed "
                            "appointments fall.</p>",
                        ),
                    ],
                },
                {
                    "title": "Equal treatment and social cohesion",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>Discrimination blocks integration: it keeps qualified "
                            "people out of jobs and homes, and it tells newcomers that "
                            "effort will not be rewarded. Preventing it is both a legal "
                            "duty of public bodies and a condition of social "
                            "cohesion.</p>"
                        ),
                        heading("The legal framework"),
                        text(
                            "<p>The International Convention on the Elimination of All "
                            "Forms of Racial Discrimination (1965) obliges states "
                            "parties to prohibit racial discrimination and guarantee "
                            "equality before the law. In the European Union, the Racial "
                            "Equality Directive (2000/43/EC) prohibits discrimination "
                            "on grounds of racial or ethnic origin in employment, "
                            "education, social protection and access to goods and "
                            "services, including housing, and requires each member "
                            "state to designate an equality body.</p>"
                        ),
                        heading("Forms of discrimination"),
                        accordion(
                            (
                                "Direct discrimination",
                                "<p>Treating a person less favourably because of their "
                                "origin, for example refusing to rent to foreigners.</p>",
                            ),
                            (
                                "Indirect discrimination",
                                "<p>An apparently neutral rule that disadvantages a "
                                "group without objective justification, such as "
                                "requiring native-level language for a job that does "
                                "not need it.</p>",
                            ),
                            (
                                "Harassment",
                                "<p>Unwanted conduct related to origin that violates a "
                                "person's dignity or creates a hostile "
                                "environment.</p>",
                            ),
                        ),
                        callout(
                            "tip",
                            "Check your own procedures",
                            "<p>Review forms, requirements and practices in your office "
                            "for indirect discrimination. Ask whether each requirement "
                            "is necessary for the service and whether an alternative "
                            "would serve the same purpose.</p>",
                        ),
                        heading("Building cohesion"),
                        text(
                            "<p>Contact between newcomers and long-term residents, in "
                            "sports clubs, schools, volunteering and workplaces, reduces "
                            "prejudice on both sides. Local authorities can support "
                            "such contact, involve migrants' associations in "
                            "consultations and respond quickly and visibly to hate "
                            "incidents. Communicate facts calmly when rumours circulate "
                            "about newcomers and the services they receive.</p>"
                        ),
                        callout(
                            "warning",
                            "Under-reporting",
                            "<p>Most people who experience discrimination do not report "
                            "it, often because they do not know where to go or do not "
                            "believe anything will change. Tell people about the "
                            "equality body and complaint procedures, and take every "
                            "report seriously.</p>",
                        ),
                    ],
                },
                {
                    "title": "Coordinating integration locally",
                    "minutes": 12,
                    "body": [
                        text(
                            "<p>National governments set the legal framework and much of "
                            "the funding, but integration happens locally. "
                            "Municipalities run or coordinate schools, housing, social "
                            "services and local employment support, and they are the "
                            "first to see whether national policies work.</p>"
                        ),
                        heading("Multi-level governance"),
                        text(
                            "<p>Effective integration policy aligns national, regional "
                            "and local levels: clear responsibilities, funding that "
                            "follows responsibilities, and channels through which local "
                            "experience reaches national policy makers. Without them, "
                            "gaps appear between the permit decision made nationally "
                            "and the school place, flat and course arranged "
                            "locally.</p>"
                        ),
                        heading("A local partnership"),
                        accordion(
                            (
                                "Who takes part",
                                "<p>The municipality, the public employment service, "
                                "schools, health services, the police, employers, trade "
                                "unions, civil society organisations and migrants' "
                                "associations.</p>",
                            ),
                            (
                                "What they agree",
                                "<p>A shared picture of the local situation, a small "
                                "number of common goals, who does what, and how "
                                "information about individuals is shared lawfully.</p>",
                            ),
                            (
                                "How they work",
                                "<p>Regular meetings, a named coordinator, joint case "
                                "conferences for complex situations, and a simple "
                                "directory of services kept up to date.</p>",
                            ),
                        ),
                        heading("Case management"),
                        text(
                            "<p>Newcomers with complex needs benefit from one case "
                            "manager who draws up an individual plan with them, covering "
                            "language, skills, work, housing and family, and follows it "
                            "up with the services involved. The plan belongs to the "
                            "person: it should reflect their goals, not only the "
                            "administration's.</p>"
                        ),
                        callout(
                            "tip",
                            "Monitor and adjust",
                            "<p>Agree a few indicators the partnership can follow, such "
                            "as waiting times for language courses or the share of "
                            "newcomers employed after two years, and review them "
                            "yearly. Share what works with other municipalities.</p>",
                        ),
                        callout(
                            "case",
                            "A welcome desk",
                            "<p>A medium-sized town sets up a welcome desk staffed in "
                            "turn by the municipality, the employment service and a "
                            "local association. Newcomers receive one appointment that "
                            "covers registration, school enrolment and course "
                            "referrals, instead of visits to five offices.</p>",
                        ),
                    ],
                },
            ],
        },
    ],
}

COURSES = [
    DOCUMENT_EXAMINATION,
    VICTIM_IDENTIFICATION,
    MIGRATION_STATISTICS,
    INTEGRATION_SERVICES,
]
