"""The words of the load data: people's names in the scripts and accents our learners have,
organisations by country and language, course titles by topic. Data, not logic."""

import itertools
import random

# (language, given names, family names): names as people write them, accents and Arabic
# script included, so that exports, sorting and certificates meet them.
PEOPLE = [
    (
        "fr",
        "Amélie,Théo,Chloé,Noémie,François,Hélène,Jérôme,Gaëlle,Loïc,Zoé,Aïcha,Moussa,Mariam",
        "Lefèvre,Dubois,Gauthier,Béranger,Mercier,Fournier,Girard,Diop,Traoré,Ndiaye,Camara",
    ),
    (
        "fr",
        "Youssef,Fatima Zahra,Karim,Nadia,Rachid,Samira,Mehdi,Imane,Hamza,Salma",
        "El Amrani,Benali,Ouazzani,Haddad,Bennani,Chraïbi,Tazi,El Idrissi,Ben Saïd",
    ),
    (
        "es",
        "José,María,Andrés,Lucía,Sofía,Martín,Inés,Begoña,Íñigo,Joaquín,Ramón,Ximena,Ángela",
        "Martínez,González,Núñez,Pérez,Ibáñez,Peña,Muñoz,Córdoba,Suárez,Gutiérrez,Ortiz",
    ),
    (
        "ar",
        "محمد,فاطمة,أحمد,ليلى,يوسف,مريم,عمر,خديجة,علي,نور,حسن,سلمى,إبراهيم,رنا",
        "العلي,حداد,الخطيب,منصور,الزين,ناصر,الحسيني,عبد الله,الشامي,بن علي,القاسم",
    ),
    (
        "en",
        "Grace,Aisha,Chinedu,Wanjiru,Kwame,Fatuma,Samuel,Esther,Halima,Omar,Abebe,Tigist",
        "Okafor,Bello,Mwangi,Otieno,Mensah,Boateng,Kamau,Achieng,Abdi,Hassan,Tesfaye",
    ),
    ("en", "João,Conceição,Luís,Graça", "Gonçalves,Magalhães,Simões,Araújo"),
    ("en", "Ayşe,Şükrü,Gülşen,Çağrı", "Yılmaz,Çelik,Öztürk,Doğan"),
    ("en", "Łukasz,Zofia,Małgorzata,Paweł", "Wójcik,Kowalczyk,Jabłoński,Nowak"),
    ("en", "Nguyễn Văn,Trần Thị,Lê Minh", "An,Hương,Thảo"),
    ("en", "Ștefan,Ioana,Dragoș,Ana-Maria", "Popescu,Țurcanu,Ionescu,Rădulescu"),
]
_POOLS = [(lang, given.split(","), family.split(",")) for lang, given, family in PEOPLE]
# French, Spanish and Arabic about a fifth each; English (and the rest) the remainder.
_CUMULATIVE = list(itertools.accumulate([12, 10, 22, 22, 20, 3, 3, 3, 2, 3]))


def person(rng: random.Random) -> tuple[str, str]:
    """A full name and the preferred language that goes with it."""
    language, given, family = rng.choices(_POOLS, cum_weights=_CUMULATIVE)[0]
    return f"{rng.choice(given)} {rng.choice(family)}", language


# (country, language, cities): where the ministries are.
COUNTRIES = [
    ("JO", "ar", ["عمّان", "إربد", "العقبة", "الزرقاء"]),
    ("MA", "fr", ["Rabat", "Casablanca", "Tanger", "Oujda"]),
    ("CO", "es", ["Bogotá", "Cúcuta", "Cartagena", "Medellín"]),
    ("KE", "en", ["Nairobi", "Mombasa", "Namanga", "Busia"]),
    ("TN", "fr", ["Tunis", "Sfax", "Sousse", "Gabès"]),
    ("EC", "es", ["Quito", "Guayaquil", "Tulcán", "Huaquillas"]),
    ("IQ", "ar", ["بغداد", "أربيل", "البصرة", "الموصل"]),
    ("GH", "en", ["Accra", "Kumasi", "Tema", "Aflao"]),
]
MINISTRIES = {
    "en": [
        "Ministry of Interior", "Ministry of Labour and Social Protection",
        "Ministry of Foreign Affairs",
    ],
    "fr": [
        "Ministère de l'Intérieur", "Ministère des Affaires sociales",
        "Ministère des Affaires étrangères",
    ],
    "es": [
        "Ministerio del Interior", "Ministerio del Trabajo",
        "Ministerio de Relaciones Exteriores",
    ],
    "ar": ["وزارة الداخلية", "وزارة العمل", "وزارة الخارجية"],
}  # fmt: skip
AGENCIES = {
    "en": [
        "Border Police", "Immigration Service", "Coast Guard", "Anti-Trafficking Unit",
        "Civil Registry Office", "Refugee Affairs Secretariat", "Labour Inspectorate",
        "Migration Statistics Office",
    ],
    "fr": [
        "Police aux frontières", "Direction de l'immigration", "Garde côtière",
        "Cellule de lutte contre la traite", "Direction de l'état civil", "Office des réfugiés",
        "Inspection du travail", "Observatoire des migrations",
    ],
    "es": [
        "Policía de Fronteras", "Servicio de Migración", "Guardia Costera",
        "Unidad contra la Trata de Personas", "Registro Civil", "Oficina de Refugiados",
        "Inspección del Trabajo", "Observatorio de Migraciones",
    ],
    "ar": [
        "شرطة الحدود", "دائرة الهجرة", "خفر السواحل", "وحدة مكافحة الاتجار بالبشر",
        "دائرة الأحوال المدنية", "مكتب شؤون اللاجئين", "مفتشية العمل", "مرصد الهجرة",
    ],
}  # fmt: skip
UNITS = {
    "en": ["Airport Unit", "Land Border Post", "Seaport Unit", "Regional Office",
           "Document Examination Section", "Training Section"],
    "fr": ["Unité aéroportuaire", "Poste frontière terrestre", "Unité portuaire",
           "Bureau régional", "Section d'examen des documents", "Section formation"],
    "es": ["Unidad Aeroportuaria", "Puesto Fronterizo Terrestre", "Unidad Portuaria",
           "Oficina Regional", "Sección de Documentoscopia", "Sección de Formación"],
    "ar": ["وحدة المطار", "المنفذ الحدودي البري", "وحدة الميناء", "المكتب الإقليمي",
           "قسم فحص الوثائق", "قسم التدريب"],
}  # fmt: skip

# (topic slug, title): the demo's topics, whose slugs the generator looks up.
COURSE_TITLES = [
    ("border-management", "Document Examination for Frontline Officers"),
    ("counter-trafficking", "Identifying Victims of Trafficking"),
    ("migration-data-analysis", "Migration Statistics: Sources and Definitions"),
    ("migrant-integration", "Language Learning for Adult Migrants"),
    ("border-management", "Integrated Border Management Essentials"),
    ("counter-trafficking", "Trafficking or Smuggling? Telling Them Apart"),
    ("migration-data-analysis", "Working with Administrative Data"),
    ("migrant-integration", "Recognition of Foreign Qualifications"),
    ("border-management", "Risk Analysis at Border Crossing Points"),
    ("counter-trafficking", "Victim-Centred Interviewing"),
    ("migration-data-analysis", "Visualising Migration Data Responsibly"),
    ("migrant-integration", "Access to Health Services for Migrants"),
    ("border-management", "Detecting Impostors and Fraudulent Documents"),
    ("counter-trafficking", "National Referral Mechanisms"),
    ("migration-data-analysis", "Measuring Irregular Migration"),
    ("migrant-integration", "Labour Market Integration"),
    ("border-management", "Human Rights at the Border"),
    ("counter-trafficking", "Protecting Children on the Move"),
    ("migration-data-analysis", "Data Protection for Migration Data"),
    ("migrant-integration", "Intercultural Communication in Public Services"),
    ("border-management", "Passenger Data (API and PNR) in Practice"),
    ("counter-trafficking", "Financial Investigation of Trafficking Networks"),
    ("migration-data-analysis", "Household Surveys on Migration"),
    ("migrant-integration", "Social Cohesion at the Local Level"),
]
COURSE_DESCRIPTION = (
    "Short lessons built on real cases from border posts, labour inspectorates and "
    "integration services, ending with a final assessment and a certificate."
)
OBJECTIVES = [
    "Apply the international standards that govern this work",
    "Take and record decisions that hold up on review",
    "Know when and to whom to refer a case",
]
MODULE_TITLES = [
    "Foundations", "The legal framework", "Practice at the workplace", "Case studies",
    "Working with partners",
]  # fmt: skip
LESSON_TITLES = [
    "Key concepts", "International standards", "Roles and responsibilities",
    "Common mistakes", "A worked example", "Checklist for daily work", "Recording decisions",
]  # fmt: skip
LESSON_TEXT = (
    "This lesson of {course} walks through what an official needs to know and do, with an "
    "example from a border post and the questions to ask before deciding."
)
# (question, right answer, wrong answers...): the final assessment of every load course.
QUESTIONS = [
    ("Who decides where the law allows discretion?", "You", "The applicant", "No one"),
    ("Who may interpret at an interview?", "An impartial interpreter", "A relative", "Anyone"),
    ("Which rules does this course apply?", "International and national law", "Custom", "None"),
    ("A case is outside your authority. What now?", "Refer it", "Close it", "Ignore it"),
    ("What must a decision record?", "Its grounds", "Only the date", "Nothing"),
    ("When may personal data be shared?", "With a legal basis", "When asked", "Never"),
]  # fmt: skip
