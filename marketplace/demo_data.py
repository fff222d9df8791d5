"""Demo population for the Passerelle `seed-demo` command (pure data, no logic)."""

from __future__ import annotations

# Shared password for every demo member (printed in the docs).
DEMO_PASSWORD = "passerelle-demo"

# 64 members, 16 per seniority. The first five are the documented demo logins: one per
# seniority, then the HR talent manager who runs the demo's mentoring programmes.
MEMBERS = [
    # --- Known demo logins: one per seniority, then the programme manager ---
    {
        "email": "lea.dubois@demo.passerelle.example",
        "display_name": "Léa Dubois",
        "job_title": "Chargée de marketing digital",
        "seniority": "junior",
        "department": "Marketing",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je gère les réseaux sociaux de la marque depuis un an et je teste tous "
            "les nouveaux outils d'IA. J'aimerais gagner en assurance en réunion et "
            "apprendre à négocier."
        ),
        "availability": "Mardi et jeudi midi",
        "offers": [
            {
                "title": "Créer des vidéos courtes pour TikTok et Reels",
                "description": (
                    "Trouver l'accroche, tourner au téléphone, monter avec CapCut et "
                    "publier au bon moment."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "TikTok for brands: how the algorithm actually works",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "ChatGPT et Canva IA pour gagner du temps",
                "description": (
                    "Mes prompts du quotidien pour écrire des posts, résumer des "
                    "documents et créer des visuels."
                ),
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Négocier sans perdre ses moyens",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prise de parole en public",
                "description": "",
                "level": 2,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Salary negotiation for my first raise",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "marc.lefevre@demo.passerelle.example",
        "display_name": "Marc Lefèvre",
        "job_title": "Directeur des opérations (COO), membre du comité exécutif",
        "seniority": "executive",
        "department": "Operations",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Trente ans dans l'industrie et la logistique, dont dix au comité "
            "exécutif. Mes enfants se moquent de mon usage du numérique : il est temps "
            "d'apprendre auprès des plus jeunes."
        ),
        "availability": "Vendredi matin, un créneau toutes les deux semaines",
        "offers": [
            {
                "title": "Négocier un contrat fournisseur",
                "description": (
                    "Préparer sa BATNA, lire les rapports de force, savoir quand se "
                    "lever de la table."
                ),
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Leading change during a reorganisation",
                "description": (
                    "What I learned merging three sites and two unions into one "
                    "organisation."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Prendre une décision difficile sous pression",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Negotiating with unions and works councils",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre TikTok (et pourquoi tout le monde en parle)",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "ChatGPT at work: where do I start?",
                "description": (
                    "I have never used it. I want practical use cases for emails, "
                    "notes and meeting prep."
                ),
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": (
                    "Tableaux de bord data : lire et construire les bons indicateurs"
                ),
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "sofia.garcia@demo.passerelle.example",
        "display_name": "Sofía García",
        "job_title": "Data analyst",
        "seniority": "mid",
        "department": "Data",
        "languages": ["es", "en", "fr"],
        "timezone": "Europe/Paris",
        "locale": "en",
        "bio": (
            "I moved from Madrid to Paris three years ago and I turn messy "
            "spreadsheets into dashboards people actually open. Next step for me: "
            "speaking up with confidence in front of leadership."
        ),
        "availability": "Wednesdays 12:30-14:00",
        "offers": [
            {
                "title": "Power BI dashboards from scratch",
                "description": (
                    "From raw Excel files to a clean, shareable report in one session."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "SQL for people who live in Excel",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Python pour automatiser des rapports",
                "description": (
                    "pandas + openpyxl pour ne plus copier-coller le même reporting "
                    "chaque lundi."
                ),
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Storytelling with data for exec audiences",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing stakeholders as a new team lead",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prise de parole en public en français",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "henri.moreau@demo.passerelle.example",
        "display_name": "Henri Moreau",
        "job_title": "Responsable contrôle de gestion",
        "seniority": "senior",
        "department": "Finance",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Vingt ans de contrôle de gestion, de l'usine au siège. Je sais faire "
            "parler les chiffres, mais mes fichiers Excel méritent une cure de "
            "jouvence."
        ),
        "availability": "Lundi et jeudi après 17h",
        "offers": [
            {
                "title": "Budget planning and forecasting",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Lire un bilan et un compte de résultat",
                "description": "Les dix chiffres à regarder en premier, sans jargon.",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Présenter des chiffres à un comité de direction",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building a solid business case",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Power BI : passer d'Excel à des tableaux de bord",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Automatiser mes fichiers Excel avec Python",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Using ChatGPT to draft financial commentary",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "anne-sophie.marchand@demo.passerelle.example",
        "display_name": "Anne-Sophie Marchand",
        "job_title": "Responsable développement des talents",
        "seniority": "senior",
        "department": "Human Resources",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "J'accompagne les managers sur les carrières et les plans de succession. "
            "J'aimerais animer mes ateliers à distance aussi bien qu'en salle."
        ),
        "availability": "Lundi et mercredi après 16h",
        "offers": [
            {
                "title": "Coaching skills for HR",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Career conversations with your team",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Construire un plan de succession",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Digital learning tools",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
            {
                "title": "Animer un atelier à distance",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
            {
                "title": "ChatGPT for HR templates",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },

    # --- Juniors ---
    {
        "email": "camille.martin@demo.passerelle.example",
        "display_name": "Camille Martin",
        "job_title": "Community manager",
        "seniority": "junior",
        "department": "Communication",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je fais vivre nos comptes Instagram et LinkedIn au quotidien. Je cherche "
            "des conseils pour trouver ma place face à des interlocuteurs plus "
            "expérimentés."
        ),
        "availability": "Tous les midis sauf le lundi",
        "offers": [
            {
                "title": "Instagram Reels : tourner et monter sur smartphone",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Canva for non-designers",
                "description": (
                    "Templates, brand kit and a few layout rules so your slides stop "
                    "looking homemade."
                ),
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Planning social posts with Notion",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Comment la génération Z utilise vraiment les réseaux sociaux",
                "description": (
                    "Ce qu'on regarde, ce qu'on partage, ce qu'on ignore : un tour "
                    "d'horizon sans clichés."
                ),
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Gérer un désaccord avec un collègue plus senior",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building a network inside a big company",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Writing for executives: short and sharp",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "yanis.benali@demo.passerelle.example",
        "display_name": "Yanis Benali",
        "job_title": "Développeur junior",
        "seniority": "junior",
        "department": "IT",
        "languages": ["fr", "en", "ar"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Développeur depuis dix-huit mois, j'automatise tout ce qui peut l'être. "
            "J'aimerais comprendre comment l'entreprise fonctionne au-delà du code."
        ),
        "availability": "Fridays after 4pm",
        "offers": [
            {
                "title": "Automating boring tasks with Zapier and Make",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "GitHub Copilot: coding faster with AI",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Prompting tips for ChatGPT and Claude",
                "description": (
                    "Role, context, examples, constraints: a simple recipe that works "
                    "for most everyday tasks."
                ),
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Public speaking for technical people",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Négocier mon salaire",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Understanding how the company makes money",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "chloe.nguyen@demo.passerelle.example",
        "display_name": "Chloé Nguyen",
        "job_title": "Graphiste et motion designer",
        "seniority": "junior",
        "department": "Communication",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je crée les visuels et les animations de nos campagnes. Je me pose "
            "beaucoup de questions sur la suite de ma carrière."
        ),
        "availability": "Mercredi après-midi",
        "offers": [
            {
                "title": "Figma basics for slides and mockups",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Simple motion design in After Effects",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Midjourney and AI image tools for visuals",
                "description": (
                    "What they are good at, what they are terrible at, and the "
                    "copyright questions to ask."
                ),
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Freelance or in-house? Career advice for creatives",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Présenter mon travail à un client",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Time management when everything is urgent",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "hugo.petit@demo.passerelle.example",
        "display_name": "Hugo Petit",
        "job_title": "Assistant contrôleur de gestion",
        "seniority": "junior",
        "department": "Finance",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Sorti d'école de commerce il y a un an, je passe mes journées dans Excel. "
            "Je veux comprendre la vision d'ensemble et préparer mon premier rôle de "
            "manager."
        ),
        "availability": "Mardi 12h-14h",
        "offers": [
            {
                "title": "Excel : tableaux croisés dynamiques",
                "description": (
                    "Segments, champs calculés, mise à jour automatique : de zéro à "
                    "autonome en une heure."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Power Query for cleaning messy data",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Modern Excel formulas: XLOOKUP, FILTER, LET",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre la stratégie financière d'un groupe",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing my first intern",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prendre la parole en comité",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "ines.haddad@demo.passerelle.example",
        "display_name": "Inès Haddad",
        "job_title": "Chargée de recrutement",
        "seniority": "junior",
        "department": "Human Resources",
        "languages": ["fr", "en", "ar"],
        "timezone": "Africa/Casablanca",
        "locale": "fr",
        "bio": (
            "Je recrute pour nos équipes de Casablanca et de Paris, surtout des "
            "profils tech. Je veux progresser sur les situations délicates avec les "
            "managers et les candidats."
        ),
        "availability": "Deux créneaux par mois",
        "offers": [
            {
                "title": "Sourcing créatif sur LinkedIn Recruiter",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Employer branding on TikTok",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Using AI to write better job ads",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Mener un entretien de recadrage",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Employment law basics for HR",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Negotiating offers with senior candidates",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "thomas.girard@demo.passerelle.example",
        "display_name": "Thomas Girard",
        "job_title": "Business developer",
        "seniority": "junior",
        "department": "Sales",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je prospecte les PME et ETI depuis un an. Les rendez-vous avec des "
            "directeurs achats m'impressionnent encore, je veux y travailler."
        ),
        "availability": "Le matin avant 9h30",
        "offers": [
            {
                "title": "Prospecting on LinkedIn with Sales Navigator",
                "description": (
                    "Saved searches, alerts and messages that don't sound like a "
                    "robot."
                ),
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Notion as a lightweight sales pipeline",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Cold emails that get answers",
                "description": "",
                "level": 3,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Négociation commerciale avec de grands comptes",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Handling objections from C-level buyers",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer son stress avant un rendez-vous important",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "manon.leroy@demo.passerelle.example",
        "display_name": "Manon Leroy",
        "job_title": "Juriste junior",
        "seniority": "junior",
        "department": "Legal",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Juriste depuis un an, je m'intéresse beaucoup au legal design et aux "
            "outils d'IA. Je suis souvent la plus jeune en réunion et j'aimerais y "
            "gagner en crédibilité."
        ),
        "availability": "Jeudi en fin de journée",
        "offers": [
            {
                "title": "Legal design : rendre un contrat lisible",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "ChatGPT pour la recherche juridique : usages et limites",
                "description": (
                    "Ce qu'on peut lui demander, ce qu'il ne faut jamais y coller, et "
                    "comment vérifier ses réponses."
                ),
                "level": 3,
                "formats": ["group"],
            },
            {
                "title": "Notion as a team knowledge base",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Négocier un contrat fournisseur",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Saying no to senior stakeholders",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building credibility as the youngest in the room",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "aaron.mensah@demo.passerelle.example",
        "display_name": "Aaron Mensah",
        "job_title": "Junior data analyst",
        "seniority": "junior",
        "department": "Data",
        "languages": ["en"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "I joined the London office after a data bootcamp and I love automating "
            "reports. I'd like help presenting insights to senior people without "
            "freezing."
        ),
        "availability": "Tuesdays and Thursdays, 5-6pm UK time",
        "offers": [
            {
                "title": "Python for automating Excel reports",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Looker Studio dashboards",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Web scraping basics with Python",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Presenting insights to senior leadership",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Career planning: from analyst to manager",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Giving feedback to people older than you",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "zoe.lambert@demo.passerelle.example",
        "display_name": "Zoé Lambert",
        "job_title": "Assistante chef de projet logistique",
        "seniority": "junior",
        "department": "Operations",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "J'ai remplacé une dizaine de fichiers Excel par des applis no-code dans "
            "mon service. Je veux maintenant comprendre la supply chain et le lean en "
            "profondeur."
        ),
        "availability": "Lundi et mercredi 12h30",
        "offers": [
            {
                "title": "No-code apps with Airtable",
                "description": (
                    "Build a small tracking app with forms, views and automations, no "
                    "developer needed."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Power Automate pour les workflows simples",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Kanban boards in Trello",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Lean management",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Piloter un projet avec des équipes plus expérimentées",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Supply chain fundamentals",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "lucas.roux@demo.passerelle.example",
        "display_name": "Lucas Roux",
        "job_title": "Chargé de marketing produit",
        "seniority": "junior",
        "department": "Marketing",
        "languages": ["fr", "en"],
        "timezone": "Europe/Brussels",
        "locale": "fr",
        "bio": (
            "Je travaille sur le lancement de nos offres en Belgique et en France. "
            "J'aimerais apprendre à construire et défendre un budget marketing."
        ),
        "availability": "Jeudi après-midi",
        "offers": [
            {
                "title": "SEO basics for content writers",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Google Analytics 4 sans prise de tête",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "A/B testing landing pages",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Building a marketing budget",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Storytelling for presentations",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
            {
                "title": "Manager sans autorité hiérarchique",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "amira.toure@demo.passerelle.example",
        "display_name": "Amira Touré",
        "job_title": "Technicienne support IT",
        "seniority": "junior",
        "department": "IT",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Au support, je vois chaque jour ce qui bloque les collègues avec leurs "
            "outils. J'aimerais évoluer vers la gestion de projet."
        ),
        "availability": "Mardi et vendredi 13h",
        "offers": [
            {
                "title": "Microsoft Teams : astuces et bonnes pratiques",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Spotting phishing emails",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Copilot in Outlook and Word",
                "description": (
                    "Drafting, summarising long threads and catching up after "
                    "holidays."
                ),
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Moving from IT support to project management",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Avoir confiance en soi en réunion",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Writing a business case for a new tool",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "noah.bernard@demo.passerelle.example",
        "display_name": "Noah Bernard",
        "job_title": "Data engineer en alternance",
        "seniority": "junior",
        "department": "Data",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Alternant en data engineering, je construis des pipelines et j'adore "
            "vulgariser. Côté business et organisation, j'ai tout à apprendre."
        ),
        "availability": "Le vendredi, semaines en entreprise",
        "offers": [
            {
                "title": "SQL pour débutants",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "dbt and the modern data stack explained simply",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Power BI basics",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre les indicateurs financiers",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Organiser sa semaine et savoir dire non",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Public speaking",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "emma.wilson@demo.passerelle.example",
        "display_name": "Emma Wilson",
        "job_title": "Marketing assistant",
        "seniority": "junior",
        "department": "Marketing",
        "languages": ["en", "fr"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "I run content for our UK consumer brands and spend way too much time in "
            "CapCut. I'm working on my French and on asking for what I want at work."
        ),
        "availability": "Mondays 12-1pm UK time",
        "offers": [
            {
                "title": "CapCut editing for beginners",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Pinterest and Instagram for B2C brands",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Content calendar in Notion",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "How to ask for a promotion",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Negotiating with agencies",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Comprendre les codes de l'entreprise française",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "jade.fontaine@demo.passerelle.example",
        "display_name": "Jade Fontaine",
        "job_title": "Chargée de communication interne",
        "seniority": "junior",
        "department": "Communication",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "J'anime l'intranet et le podcast interne du groupe. J'aimerais évoluer "
            "vers un poste de responsable et mieux comprendre la com de crise."
        ),
        "availability": "Mercredi 12h-14h",
        "offers": [
            {
                "title": "Écrire pour l'intranet et les newsletters",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Podcast interne : de l'idée au premier épisode",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Using AI to summarise long documents",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Conseils carrière : évoluer vers un poste de responsable",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Crisis communication basics",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Lire un compte de résultat",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "karim.saidi@demo.passerelle.example",
        "display_name": "Karim Saïdi",
        "job_title": "Assistant RH et SIRH",
        "seniority": "junior",
        "department": "Human Resources",
        "languages": ["fr", "ar", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je m'occupe du SIRH et des reportings RH. Je voudrais comprendre le "
            "dialogue social et l'accompagnement du changement."
        ),
        "availability": "Jeudi 17h-18h",
        "offers": [
            {
                "title": "Excel pour les RH : RECHERCHEX et TCD",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Workday tips for managers",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "ChatGPT for HR: templates and prompts",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Accompagner le changement dans une équipe",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Négocier avec les partenaires sociaux",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Coaching skills for HR",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },

    # --- Mid-career ---
    {
        "email": "julien.mercier@demo.passerelle.example",
        "display_name": "Julien Mercier",
        "job_title": "Chef de projet digital",
        "seniority": "mid",
        "department": "Marketing",
        "languages": ["fr", "en"],
        "timezone": "America/Montreal",
        "locale": "fr",
        "bio": (
            "Je pilote les projets digitaux de l'équipe de Montréal, entre agences et "
            "équipes produit. Je viens de prendre ma première équipe et j'ai besoin de "
            "conseils."
        ),
        "availability": "Mardi 9h-10h (heure de Montréal)",
        "offers": [
            {
                "title": "Scrum in practice, without the dogma",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Running a product launch campaign",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Briefing an agency without losing your mind",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "TikTok Ads for B2B: is it worth it?",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Leading a team for the first time",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Construire et suivre un budget",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "nadia.kowalski@demo.passerelle.example",
        "display_name": "Nadia Kowalski",
        "job_title": "HR business partner",
        "seniority": "mid",
        "department": "Human Resources",
        "languages": ["en", "fr", "pl"],
        "timezone": "Europe/Paris",
        "locale": "en",
        "bio": (
            "I support three business units in Paris, mostly on people topics nobody "
            "else wants to touch. I'd love to get better with data and digital tools."
        ),
        "availability": "Thursdays 8:30-9:30",
        "offers": [
            {
                "title": "Difficult conversations with employees",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Onboarding that actually works",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Conduire un entretien annuel utile",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "People analytics with Power BI",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Using ChatGPT for HR writing",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Coaching senior leaders",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "antoine.rousseau@demo.passerelle.example",
        "display_name": "Antoine Rousseau",
        "job_title": "Acheteur projets",
        "seniority": "mid",
        "department": "Operations",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Acheteur depuis six ans, je gère des appels d'offres industriels. Je veux "
            "passer à l'achat stratégique et mieux suivre mes fournisseurs."
        ),
        "availability": "Lundi 12h-13h30",
        "offers": [
            {
                "title": "Préparer un appel d'offres",
                "description": (
                    "Cahier des charges, grille de notation, planning : la méthode que "
                    "j'utilise sur chaque projet."
                ),
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Procurement negotiation basics",
                "description": "",
                "level": 3,
                "formats": ["group"],
            },
            {
                "title": "Comparing supplier quotes in Excel",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Strategic sourcing and category management",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Suivre ses fournisseurs dans Airtable",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Negotiating in English with confidence",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "priya.raman@demo.passerelle.example",
        "display_name": "Priya Raman",
        "job_title": "Product owner",
        "seniority": "mid",
        "department": "IT",
        "languages": ["en"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "I own our internal HR and finance apps, which means I negotiate scope "
            "with everybody. I want more presence in steering committees."
        ),
        "availability": "Wednesdays after 3pm UK time",
        "offers": [
            {
                "title": "Writing user stories people understand",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Jira without the pain",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Customer discovery interviews",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Leadership presence in steering committees",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Negotiating scope with stakeholders",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Understanding a P&L for product decisions",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "baptiste.morel@demo.passerelle.example",
        "display_name": "Baptiste Morel",
        "job_title": "Contrôleur de gestion",
        "seniority": "mid",
        "department": "Finance",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Contrôleur de gestion sur le périmètre industriel. Je veux automatiser "
            "mes reportings et me préparer à encadrer une petite équipe."
        ),
        "availability": "Vendredi midi",
        "offers": [
            {
                "title": "Month-end close without the stress",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Modéliser un budget dans Excel",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Explaining budget variances to operations managers",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Power BI dashboards",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Python pour automatiser des rapports",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Manager une petite équipe",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "elodie.perrin@demo.passerelle.example",
        "display_name": "Élodie Perrin",
        "job_title": "Account manager grands comptes",
        "seniority": "mid",
        "department": "Sales",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je gère un portefeuille de cinq grands comptes dans la distribution. "
            "J'aimerais mieux utiliser l'IA et LinkedIn dans mon quotidien."
        ),
        "availability": "Mardi et jeudi 8h30-9h30",
        "offers": [
            {
                "title": "Fidéliser un client grand compte",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Preparing a QBR clients remember",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Salesforce reports and dashboards",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "LinkedIn personal branding",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Using AI to prepare client meetings",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Négociation complexe avec les achats",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "mehdi.bouzid@demo.passerelle.example",
        "display_name": "Mehdi Bouzid",
        "job_title": "Data scientist",
        "seniority": "mid",
        "department": "Data",
        "languages": ["fr", "en", "ar"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Data scientist depuis cinq ans, je mets en production des modèles et je "
            "vulgarise l'IA en interne. Je me prépare à manager."
        ),
        "availability": "Mercredi 17h-18h",
        "offers": [
            {
                "title": "Machine learning expliqué aux non-techs",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Generative AI use cases that are not hype",
                "description": (
                    "Concrete examples from our teams, what worked, what failed and "
                    "why."
                ),
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Python for data analysis",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Moving into management: the first 90 days",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Vendre un projet data au comité de direction",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Negotiation basics",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "charlotte.blanc@demo.passerelle.example",
        "display_name": "Charlotte Blanc",
        "job_title": "Responsable relations presse",
        "seniority": "mid",
        "department": "Communication",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je gère les relations presse du groupe et je prépare nos porte-parole. "
            "Les nouveaux formats vidéo me manquent clairement."
        ),
        "availability": "Jeudi 12h-14h",
        "offers": [
            {
                "title": "Écrire un communiqué de presse qui sera lu",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Media training basics",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Storytelling for presentations",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Short-form video marketing on TikTok",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Data storytelling with simple charts",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer une crise sur les réseaux sociaux",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "sarah.cohen@demo.passerelle.example",
        "display_name": "Sarah Cohen",
        "job_title": "Juriste contrats",
        "seniority": "mid",
        "department": "Legal",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je relis et négocie les contrats commerciaux du groupe. J'aimerais gagner "
            "du temps avec les outils numériques et préparer un rôle de manager."
        ),
        "availability": "Lundi 17h30",
        "offers": [
            {
                "title": "Comprendre le RGPD",
                "description": (
                    "Les bases pour les équipes marketing, RH et IT : ce qu'on peut "
                    "faire, ce qu'il faut documenter."
                ),
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Relire un contrat commercial : les clauses à risque",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Contract negotiation: legal red lines",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "AI tools for legal teams",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Excel pivot tables",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Becoming a manager in a legal team",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "maxime.faure@demo.passerelle.example",
        "display_name": "Maxime Faure",
        "job_title": "Responsable logistique",
        "seniority": "mid",
        "department": "Operations",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je dirige un entrepôt de quarante personnes en trois-huit. Je veux "
            "digitaliser le suivi de nos indicateurs."
        ),
        "availability": "Mardi 14h-15h",
        "offers": [
            {
                "title": "Lean management",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Warehouse layout and organisation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "5S and continuous improvement on the shop floor",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Power BI dashboards for warehouse KPIs",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Automatiser des tâches avec Power Automate",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer une équipe en horaires décalés",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "laura.bianchi@demo.passerelle.example",
        "display_name": "Laura Bianchi",
        "job_title": "Brand manager",
        "seniority": "mid",
        "department": "Marketing",
        "languages": ["it", "en", "fr"],
        "timezone": "Europe/Paris",
        "locale": "en",
        "bio": (
            "I manage two beauty brands and work with a lot of influencers. I want to "
            "get sharper on video formats and on defending my budget."
        ),
        "availability": "Monday and Wednesday lunchtime",
        "offers": [
            {
                "title": "Brand positioning workshops",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Influencer partnerships done right",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Consumer insights from qualitative research",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Instagram Reels and TikTok for brand teams",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
            {
                "title": "Negotiating budgets with finance",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prise de parole en public en français",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "david.okafor@demo.passerelle.example",
        "display_name": "David Okafor",
        "job_title": "Sales engineer",
        "seniority": "mid",
        "department": "Sales",
        "languages": ["en", "fr"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "I run technical demos for our biggest prospects across Europe. I want to "
            "learn key account strategy and how French buyers negotiate."
        ),
        "availability": "Fridays 10-11am UK time",
        "offers": [
            {
                "title": "Technical demos that sell",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Explaining APIs to non-technical buyers",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Discovery calls: asking better questions",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Key account planning",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Comprendre la négociation à la française",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "ChatGPT for sales emails",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "pauline.chevalier@demo.passerelle.example",
        "display_name": "Pauline Chevalier",
        "job_title": "Responsable formation",
        "seniority": "mid",
        "department": "Human Resources",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je conçois les parcours de formation du groupe, en présentiel et à "
            "distance. J'ai envie d'utiliser davantage l'IA et la data dans mon "
            "métier."
        ),
        "availability": "Jeudi matin",
        "offers": [
            {
                "title": "Concevoir une formation engageante",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Animer un atelier à distance",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Facilitation with Miro and Klaxoon",
                "description": "",
                "level": 4,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Learning analytics dashboards",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Using ChatGPT to design training content",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Leading change during a reorganisation",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "romain.dupont@demo.passerelle.example",
        "display_name": "Romain Dupont",
        "job_title": "Analyste financier",
        "seniority": "mid",
        "department": "Finance",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Analyste financier, je travaille sur les acquisitions du groupe. "
            "J'aimerais être plus à l'aise face aux dirigeants et aux banques."
        ),
        "availability": "Mercredi 18h",
        "offers": [
            {
                "title": "Valorisation d'entreprise : les bases",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Financial modelling in Excel",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Reading annual reports quickly",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "SQL for finance people",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Executive presence",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Négocier avec les banques",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "fatou.diallo@demo.passerelle.example",
        "display_name": "Fatou Diallo",
        "job_title": "Data engineer",
        "seniority": "mid",
        "department": "Data",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je construis nos pipelines de données et nos plateformes cloud. On m'a "
            "proposé d'encadrer deux juniors : je veux bien m'y préparer."
        ),
        "availability": "Lundi et jeudi 12h30",
        "offers": [
            {
                "title": "Data pipelines with Airflow",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Cloud data platforms: a practical tour",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Data quality best practices",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Leadership pour les profils techniques",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Mentoring junior engineers",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Speaking at conferences",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },

    # --- Seniors ---
    {
        "email": "isabelle.laurent@demo.passerelle.example",
        "display_name": "Isabelle Laurent",
        "job_title": "Responsable marketing",
        "seniority": "senior",
        "department": "Marketing",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Quinze ans de marketing B2B, aujourd'hui responsable d'une équipe de huit "
            "personnes. Je dois rattraper mon retard sur les réseaux sociaux et l'IA."
        ),
        "availability": "Mardi 18h",
        "offers": [
            {
                "title": "Building an annual marketing plan",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Managing an agency relationship",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building a marketing budget",
                "description": (
                    "How to split spend, what to protect when finance asks for cuts, "
                    "and how to report on it."
                ),
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "TikTok pour une marque B2B ?",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Using ChatGPT for content ideas",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Google Analytics 4 in plain language",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "philippe.garnier@demo.passerelle.example",
        "display_name": "Philippe Garnier",
        "job_title": "Head of Procurement",
        "seniority": "senior",
        "department": "Operations",
        "languages": ["fr", "en", "de"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je dirige les achats indirects du groupe depuis huit ans. Je veux "
            "moderniser le suivi de nos fournisseurs."
        ),
        "availability": "Un vendredi sur deux, 11h",
        "offers": [
            {
                "title": "Négocier un contrat fournisseur",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Strategic sourcing and category management",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Managing a supplier in trouble",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
            {
                "title": "Leading cross-functional projects with senior teams",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Airtable or Notion to track suppliers",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power BI dashboards",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "AI in procurement: what's real?",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "nathalie.simon@demo.passerelle.example",
        "display_name": "Nathalie Simon",
        "job_title": "Responsable ressources humaines",
        "seniority": "senior",
        "department": "Human Resources",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Vingt ans de RH en industrie, dont beaucoup de dialogue social. Je veux "
            "comprendre comment les jeunes candidats nous voient en ligne."
        ),
        "availability": "Mercredi 12h-13h",
        "offers": [
            {
                "title": "Feedback difficile à un collaborateur",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Hiring well: avoiding costly mistakes",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Negotiating with works councils",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Employer branding on TikTok and Instagram",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Workday reporting",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "IA générative : les enjeux pour les RH",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "james.oconnor@demo.passerelle.example",
        "display_name": "James O'Connor",
        "job_title": "Senior software architect",
        "seniority": "senior",
        "department": "IT",
        "languages": ["en"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "Twenty years designing systems, the last five with teams in Paris and "
            "London. I'm comfortable with architecture, less so on a stage."
        ),
        "availability": "Thursdays 4-5pm UK time",
        "offers": [
            {
                "title": "System design interviews: how to prepare",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Technical leadership without being a manager",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Code review culture",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
            {
                "title": "Mentoring junior developers",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Working with French teams: unwritten rules",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Short-form video for tech recruitment",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Public speaking",
                "description": "",
                "level": 3,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "valerie.mathieu@demo.passerelle.example",
        "display_name": "Valérie Mathieu",
        "job_title": "Directrice de clientèle",
        "seniority": "senior",
        "department": "Sales",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je vends à la grande distribution depuis vingt ans. LinkedIn et l'IA, par "
            "contre, c'est un autre monde pour moi."
        ),
        "availability": "Lundi 8h-9h",
        "offers": [
            {
                "title": "Négocier avec un grand compte",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Répondre aux objections d'un directeur achats",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Building a key account plan",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "LinkedIn Sales Navigator",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Utiliser l'IA pour préparer ses rendez-vous",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Salesforce dashboards",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "christophe.renaud@demo.passerelle.example",
        "display_name": "Christophe Renaud",
        "job_title": "Directeur juridique adjoint",
        "seniority": "senior",
        "department": "Legal",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je couvre le droit des affaires et la conformité. Nos contrats font "
            "quarante pages : j'aimerais apprendre à les rendre lisibles."
        ),
        "availability": "Jeudi 12h30",
        "offers": [
            {
                "title": "Compliance basics for managers",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Dire non au business sans bloquer les projets",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Négociation de contrats internationaux",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Legal design and plain-language contracts",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "ChatGPT pour les juristes",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Notion for team knowledge",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "helen.clarke@demo.passerelle.example",
        "display_name": "Helen Clarke",
        "job_title": "Lead data analyst",
        "seniority": "senior",
        "department": "Data",
        "languages": ["en"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "I built the London analytics team from two to twelve people. Now I need "
            "to catch up on generative AI and the modern data stack."
        ),
        "availability": "Tuesdays 12-1pm UK time",
        "offers": [
            {
                "title": "Storytelling with data for exec audiences",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Building a data team from scratch",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Hiring data analysts",
                "description": "",
                "level": 4,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "GenAI use cases for analytics",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing upwards",
                "description": "",
                "level": 3,
                "formats": ["one_to_one"],
            },
            {
                "title": "dbt for analytics engineering",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "frederic.bonnet@demo.passerelle.example",
        "display_name": "Frédéric Bonnet",
        "job_title": "Responsable maintenance",
        "seniority": "senior",
        "department": "Operations",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Responsable maintenance sur deux sites depuis douze ans. Mes techniciens "
            "ont besoin d'outils plus simples, et moi de bases en digital."
        ),
        "availability": "Mardi 14h",
        "offers": [
            {
                "title": "Maintenance préventive : organiser son équipe",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Gérer une équipe en horaires décalés",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Workplace safety rituals that work",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Tablettes et applis terrain : par où commencer ?",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power Automate for simple workflows",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Excel: pivot tables",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "catherine.weber@demo.passerelle.example",
        "display_name": "Catherine Weber",
        "job_title": "Responsable communication interne",
        "seniority": "senior",
        "department": "Communication",
        "languages": ["fr", "de", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "J'accompagne la direction dans ses messages internes depuis dix ans. J'ai "
            "envie de tester de nouveaux formats comme le podcast."
        ),
        "availability": "Deux créneaux par mois",
        "offers": [
            {
                "title": "Crisis communication basics",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Écrire un discours pour un dirigeant",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Communicating through a transformation",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Writing for executives: get to the point",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Lancer un podcast interne",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Canva for non-designers",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Using AI to summarise long documents",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "stephane.vidal@demo.passerelle.example",
        "display_name": "Stéphane Vidal",
        "job_title": "Trésorier groupe",
        "seniority": "senior",
        "department": "Finance",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Trésorier du groupe, je vis au rythme des prévisions de cash. J'aimerais "
            "automatiser ce que je fais encore à la main."
        ),
        "availability": "Jeudi 8h",
        "offers": [
            {
                "title": "Treasury management essentials",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Négocier avec les banques",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "13-week cash forecasting",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Python for finance automation",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power BI dashboards for treasury",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power Query",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "ricardo.alves@demo.passerelle.example",
        "display_name": "Ricardo Alves",
        "job_title": "Senior sales manager, Southern Europe",
        "seniority": "senior",
        "department": "Sales",
        "languages": ["pt", "es", "en", "fr"],
        "timezone": "Europe/Paris",
        "locale": "en",
        "bio": (
            "I manage sales teams in Portugal, Spain and France. I want to present to "
            "the French leadership team without switching to English."
        ),
        "availability": "Wednesdays 6pm",
        "offers": [
            {
                "title": "Coaching a sales team to hit targets",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Pricing negotiations",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Sales forecasts finance will trust",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "AI tools for sales prospecting",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "CRM dashboards in Salesforce",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Présenter en français devant le comex",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "martine.caron@demo.passerelle.example",
        "display_name": "Martine Caron",
        "job_title": "Juriste droit social",
        "seniority": "senior",
        "department": "Legal",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Juriste en droit social depuis vingt-cinq ans. J'avoue être perdue avec "
            "Teams et les nouveaux outils."
        ),
        "availability": "Mardi et vendredi matin",
        "offers": [
            {
                "title": "Droit du travail : les bases pour managers et RH",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Préparer une rupture conventionnelle",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer un contentieux prud'homal",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Teams et outils collaboratifs",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Copilot in Word for legal drafting",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "LinkedIn pour valoriser son expertise",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "gilles.perrot@demo.passerelle.example",
        "display_name": "Gilles Perrot",
        "job_title": "Directeur de création",
        "seniority": "senior",
        "department": "Communication",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Directeur de création depuis quinze ans, en agence puis chez l'annonceur. "
            "Les outils d'IA bousculent mon métier et je veux les comprendre de "
            "l'intérieur."
        ),
        "availability": "Vendredi après-midi",
        "offers": [
            {
                "title": "Giving useful feedback on visuals",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building a visual identity",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Pitching creative ideas to executives",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Midjourney and AI image tools",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Motion design : les bases",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Figma for presentations",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "eric.fournier@demo.passerelle.example",
        "display_name": "Éric Fournier",
        "job_title": "Responsable infrastructure IT",
        "seniority": "senior",
        "department": "IT",
        "languages": ["fr", "en"],
        "timezone": "America/Montreal",
        "locale": "fr",
        "bio": (
            "Je gère l'infrastructure et les contrats IT depuis le bureau de Montréal. "
            "Je veux voir concrètement ce que l'IA change pour les équipes techniques."
        ),
        "availability": "Mercredi 10h (heure de Montréal)",
        "offers": [
            {
                "title": "Running an IT budget",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Vendor management for IT contracts",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Cybersecurity awareness for managers",
                "description": "",
                "level": 4,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "GitHub Copilot: what it changes for teams",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Automatiser avec Zapier et Make",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Leading hybrid teams across time zones",
                "description": "",
                "level": 3,
                "formats": ["group"],
            },
        ],
    },

    # --- Executives ---
    {
        "email": "helene.durand@demo.passerelle.example",
        "display_name": "Hélène Durand",
        "job_title": "Directrice financière (CFO)",
        "seniority": "executive",
        "department": "Finance",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Directrice financière du groupe, je siège au comité exécutif. Je veux "
            "comprendre ce que l'IA et la data changent pour mes équipes."
        ),
        "availability": "Un créneau par mois, le jeudi",
        "offers": [
            {
                "title": "Financial performance management",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Construire un business plan crédible",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Preparing a board meeting",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "How the company makes money: reading our P&L",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre l'IA générative pour la finance",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power BI dashboards",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Python, ça sert à quoi pour la finance ?",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "jean-pierre.blanchard@demo.passerelle.example",
        "display_name": "Jean-Pierre Blanchard",
        "job_title": "Directeur commercial France",
        "seniority": "executive",
        "department": "Sales",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Trente ans dans la vente, de commercial terrain à directeur commercial. "
            "Mes équipes sont sur LinkedIn, moi pas encore."
        ),
        "availability": "Lundi 18h",
        "offers": [
            {
                "title": "Recruter et motiver une force de vente",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Négociation complexe avec les achats",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Career advice: from sales rep to sales director",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer le trac avant un rendez-vous à fort enjeu",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "LinkedIn personal branding",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Utiliser ChatGPT pour écrire plus vite",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "TikTok for B2B visibility",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "claire.delmas@demo.passerelle.example",
        "display_name": "Claire Delmas",
        "job_title": "Directrice des ressources humaines",
        "seniority": "executive",
        "department": "Human Resources",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "DRH du groupe depuis six ans, j'ai mené deux réorganisations majeures. Je "
            "veux comprendre comment la génération Z travaille et s'informe."
        ),
        "availability": "Mardi 8h, toutes les deux semaines",
        "offers": [
            {
                "title": "Managing a team through a reorganisation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Négocier avec les partenaires sociaux",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Career advice for women in leadership",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Building your internal network",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "People analytics with Power BI",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "IA générative en RH",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Comprendre les usages numériques de la génération Z",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "richard.thompson@demo.passerelle.example",
        "display_name": "Richard Thompson",
        "job_title": "Chief Information Officer",
        "seniority": "executive",
        "department": "IT",
        "languages": ["en", "fr"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "CIO for the group, based in London with teams in four countries. My "
            "teenagers know more about TikTok than I ever will, which I'd like to "
            "change."
        ),
        "availability": "Fridays 9am UK time",
        "offers": [
            {
                "title": "IT strategy for non-IT executives",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Building a business case for digital projects",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing large vendor contracts",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "TikTok: what my teenage kids already know",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prompting tips for ChatGPT",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Hands-on with no-code tools",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "anne.lemoine@demo.passerelle.example",
        "display_name": "Anne Lemoine",
        "job_title": "Directrice marketing et communication",
        "seniority": "executive",
        "department": "Marketing",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Directrice marketing et communication, membre du comité de direction. Je "
            "veux comprendre de l'intérieur les réseaux qu'utilisent nos clients de "
            "moins de 30 ans."
        ),
        "availability": "Mercredi 18h30",
        "offers": [
            {
                "title": "Long-term brand strategy",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Managing creative and marketing teams",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prise de parole en public",
                "description": (
                    "Préparer, respirer, tenir une salle : ce que vingt ans de "
                    "conventions m'ont appris."
                ),
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre TikTok et les Reels",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Social media analytics",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "IA générative pour le marketing",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "patrick.moulin@demo.passerelle.example",
        "display_name": "Patrick Moulin",
        "job_title": "Directeur juridique",
        "seniority": "executive",
        "department": "Legal",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Directeur juridique du groupe, je conseille le comité exécutif au "
            "quotidien. La legal tech et l'IA m'intriguent autant qu'elles "
            "m'inquiètent."
        ),
        "availability": "Vendredi 12h",
        "offers": [
            {
                "title": "International contract negotiation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Gérer le risque juridique en comité de direction",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Preparing for a regulatory investigation",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "ChatGPT et confidentialité : ce qu'on peut faire",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Legal tech tools overview",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Notion as a knowledge base",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "aicha.elamrani@demo.passerelle.example",
        "display_name": "Aïcha El Amrani",
        "job_title": "Country manager Maroc",
        "seniority": "executive",
        "department": "Operations",
        "languages": ["fr", "ar", "en"],
        "timezone": "Africa/Casablanca",
        "locale": "fr",
        "bio": (
            "Je dirige notre filiale marocaine depuis sa création il y a sept ans. Je "
            "veux piloter avec de meilleurs tableaux de bord et être plus visible en "
            "ligne."
        ),
        "availability": "Mardi et jeudi 17h (heure de Casablanca)",
        "offers": [
            {
                "title": "Monter une filiale à l'international",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing multicultural teams",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Leadership au féminin",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "Data dashboards for operations",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "ChatGPT au quotidien",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "LinkedIn personal branding",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "thierry.vasseur@demo.passerelle.example",
        "display_name": "Thierry Vasseur",
        "job_title": "Directeur du contrôle de gestion groupe",
        "seniority": "executive",
        "department": "Finance",
        "languages": ["fr"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Je pilote le budget et le reporting du groupe depuis dix ans. Mes "
            "formules Excel datent un peu et j'aimerais les moderniser."
        ),
        "availability": "Jeudi 18h",
        "offers": [
            {
                "title": "Stratégie financière d'un groupe : les grands arbitrages",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Présenter des chiffres au comité exécutif",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Career advice for finance graduates",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Excel : les formules modernes",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power BI : les bases",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Comprendre l'IA en entreprise",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "ingrid.larsen@demo.passerelle.example",
        "display_name": "Ingrid Larsen",
        "job_title": "Chief Data Officer",
        "seniority": "executive",
        "department": "Data",
        "languages": ["en", "fr", "de"],
        "timezone": "Europe/Paris",
        "locale": "en",
        "bio": (
            "I lead data and AI for the group after fifteen years in consulting. I'm "
            "curious how younger colleagues actually use AI tools day to day."
        ),
        "availability": "Every other Monday, 5pm",
        "offers": [
            {
                "title": "Data strategy for boards",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Building a data-driven culture",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Leadership for technical profiles",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Managing upwards and influencing executives",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "How young people consume information on TikTok and Instagram",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Hands-on with generative AI tools",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Prise de parole en français",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "bruno.lefort@demo.passerelle.example",
        "display_name": "Bruno Lefort",
        "job_title": "Directeur industriel",
        "seniority": "executive",
        "department": "Operations",
        "languages": ["fr", "en"],
        "timezone": "Europe/Paris",
        "locale": "fr",
        "bio": (
            "Directeur industriel de cinq usines, passionné de lean depuis toujours. "
            "Je veux que nos équipes terrain aient des outils simples et modernes."
        ),
        "availability": "Lundi 7h30",
        "offers": [
            {
                "title": "Lean management",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Running a plant through transformation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Supply chain fundamentals",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
        ],
        "needs": [
            {
                "title": "No-code apps with Airtable",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Power BI pour les indicateurs d'usine",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Communicating on LinkedIn as a leader",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "dominique.roy@demo.passerelle.example",
        "display_name": "Dominique Roy",
        "job_title": "Directrice de la communication",
        "seniority": "executive",
        "department": "Communication",
        "languages": ["fr", "en"],
        "timezone": "America/Montreal",
        "locale": "fr",
        "bio": (
            "Je dirige la communication pour l'Amérique du Nord depuis Montréal. "
            "J'aimerais comprendre les formats courts et l'IA sans passer par mon "
            "agence."
        ),
        "availability": "Mercredi 12h (heure de Montréal)",
        "offers": [
            {
                "title": "Media training : préparer une interview",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Communication de crise",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Building a personal brand as an executive",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Instagram Reels : les bases",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Lancer un podcast",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "AI tools for communication teams",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "sebastian.muller@demo.passerelle.example",
        "display_name": "Sebastian Müller",
        "job_title": "Chief Technology Officer",
        "seniority": "executive",
        "department": "IT",
        "languages": ["de", "en", "fr"],
        "timezone": "Europe/Berlin",
        "locale": "en",
        "bio": (
            "CTO based in Berlin, working with engineering teams in Paris and London. "
            "I want to understand GDPR properly and see how our juniors use AI coding "
            "tools."
        ),
        "availability": "Tuesdays 7:30am",
        "offers": [
            {
                "title": "Scaling engineering teams",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Talking tech to the board",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Hiring senior engineers",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "GitHub Copilot in practice",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "RGPD : l'essentiel",
                "description": "",
                "level": 2,
                "formats": ["group"],
            },
            {
                "title": "TikTok for employer branding",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "veronique.aubert@demo.passerelle.example",
        "display_name": "Véronique Aubert",
        "job_title": "Vice-présidente Ventes EMEA",
        "seniority": "executive",
        "department": "Sales",
        "languages": ["fr", "en"],
        "timezone": "Europe/London",
        "locale": "fr",
        "bio": (
            "Je dirige les ventes EMEA depuis Londres. Je coache volontiers sur la "
            "négociation, et j'ai besoin d'un coup de main sur les outils digitaux."
        ),
        "availability": "Un jeudi sur deux, 18h",
        "offers": [
            {
                "title": "Key account strategy",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Négociation : tenir sa position sans casser la relation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
            {
                "title": "Career advice: negotiating your salary",
                "description": (
                    "Preparing your numbers, choosing the moment and handling the "
                    "first no."
                ),
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Working with French colleagues: the unwritten rules",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "AI for sales teams",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "LinkedIn Sales Navigator",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "Short-form video for B2B",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
        ],
    },
    {
        "email": "florence.texier@demo.passerelle.example",
        "display_name": "Florence Texier",
        "job_title": "Secrétaire générale",
        "seniority": "executive",
        "department": "Legal",
        "languages": ["fr", "en"],
        "timezone": "Europe/Brussels",
        "locale": "fr",
        "bio": (
            "Secrétaire générale du groupe, en charge de la gouvernance et de la "
            "conformité. Je veux comprendre les usages numériques des 18-25 ans et les "
            "risques de l'IA."
        ),
        "availability": "Vendredi 8h30",
        "offers": [
            {
                "title": "Board governance essentials",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Ethics and compliance culture",
                "description": "",
                "level": 5,
                "formats": ["group"],
            },
            {
                "title": "Becoming a manager in a legal team",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Building credibility when you are the youngest in the room",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
        ],
        "needs": [
            {
                "title": "Comprendre l'IA générative et ses risques",
                "description": "",
                "level": 1,
                "formats": ["group"],
            },
            {
                "title": "Excel : tableaux croisés dynamiques",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "TikTok : comprendre les usages des 18-25 ans",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
        ],
    },
    {
        "email": "oliver.hughes@demo.passerelle.example",
        "display_name": "Oliver Hughes",
        "job_title": "Chief Marketing Officer, UK & Ireland",
        "seniority": "executive",
        "department": "Marketing",
        "languages": ["en"],
        "timezone": "Europe/London",
        "locale": "en",
        "bio": (
            "CMO for the UK and Ireland, twenty years in consumer brands. I'd like to "
            "get hands-on with short video and brush up on SEO."
        ),
        "availability": "Wednesdays 5:30pm UK time",
        "offers": [
            {
                "title": "Building a brand in a new market",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Marketing budget allocation",
                "description": "",
                "level": 5,
                "formats": ["one_to_one"],
            },
            {
                "title": "Career advice for marketers",
                "description": "",
                "level": 5,
                "formats": ["one_to_one", "group"],
            },
        ],
        "needs": [
            {
                "title": "CapCut and short-form video",
                "description": "",
                "level": 1,
                "formats": ["one_to_one"],
            },
            {
                "title": "SEO basics",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
            {
                "title": "Presenting to a French board",
                "description": "",
                "level": 2,
                "formats": ["one_to_one"],
            },
        ],
    },
]

# --- Mentoring programmes (see demo._seed_programmes) ---

# The HR talent manager who runs the demo's programmes (a known demo login).
PROGRAMME_MANAGER = "anne-sophie.marchand@demo.passerelle.example"

# A reverse programme published six weeks ago: juniors bring their digital skills to
# executives. Each participant's application takes its skills from their profile; a mentee's
# `story` says how their pair has met since: "steady" (every fortnight, agenda prepared, good
# ratings) or the reason their pair is at risk: "no_meeting" (nothing held since the first
# meeting), "no_agenda" (meetings held, agenda never prepared), "low_ratings".
RUNNING_PROGRAMME = {
    "settings": {
        "name": "Mentorat inversé : le numérique pour les dirigeants",
        "description": (
            "Des juniors partagent leurs usages numériques avec des membres du comité de direction, "
            "un rendez-vous toutes les deux semaines pendant six mois."
        ),
        "objectives": (
            "Utiliser un nouvel outil numérique dans son travail chaque semaine\n"
            "Understand how younger colleagues work and learn\n"
            "Présenter un retour d'expérience au comité de direction"
        ),
        "kind": "reverse", "open_to_applications": False, "frequency": "fortnightly", "planned_meetings": 12,
        "meeting_minutes": 45, "channel": "video",
        "ground_rules": "Ce qui se dit en rendez-vous reste entre vous deux. Le junior mène, le dirigeant essaie.",
        "departments": [], "seniorities": [], "languages": [], "mentor_capacity": 2,
        "language_rule": "required", "department_rule": "preferred", "timezone_rule": "any",
    },
    "participants": [
        {"email": "zoe.lambert@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Partager mes outils no-code et comprendre comment décide un directeur industriel."},
        {"email": "yanis.benali@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Show what AI coding assistants change, and understand how the company makes money."},
        {"email": "thomas.girard@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Transmettre mes méthodes de prospection et apprendre à négocier avec de grands comptes."},
        {"email": "hugo.petit@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Rendre Excel moins intimidant et comprendre la stratégie financière du groupe."},
        {"email": "emma.wilson@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Teach short-form video editing and learn the unwritten rules of a French company."},
        {"email": "camille.martin@demo.passerelle.example", "role": "mentor", "capacity": 1,
         "objectives": "Montrer les vrais usages des réseaux sociaux ; oser contredire un senior."},
        {"email": "bruno.lefort@demo.passerelle.example", "role": "mentee", "story": "steady",
         "objectives": "Lancer une première appli terrain pour les usines sans attendre la DSI."},
        {"email": "sebastian.muller@demo.passerelle.example", "role": "mentee", "story": "no_meeting",
         "objectives": "See how our juniors really code with AI assistants before we set a policy."},
        {"email": "veronique.aubert@demo.passerelle.example", "role": "mentee", "story": "steady",
         "objectives": "Prospecter sur LinkedIn comme mes équipes le font."},
        {"email": "florence.texier@demo.passerelle.example", "role": "mentee", "story": "no_agenda",
         "objectives": "Analyser moi-même nos tableaux de conformité dans Excel."},
        {"email": "oliver.hughes@demo.passerelle.example", "role": "mentee", "story": "steady",
         "objectives": "Shoot and edit a short video for our UK launch myself."},
        {"email": "dominique.roy@demo.passerelle.example", "role": "mentee", "story": "low_ratings",
         "objectives": "Tourner un premier Reel sans passer par l'agence."},
    ],
}

# A peer programme for new managers, in enrolment (closing in two weeks): some answered (one
# of them applied on his own: source "application"; `seeks` replaces the profile's needs for
# this programme), some invited have not answered yet (no `objectives`), and one address has
# no account yet (it gets a single-use sign-up link).
ENROLMENT_PROGRAMME = {
    "settings": {
        "name": "Premiers pas de manager : mentorat entre pairs",
        "description": (
            "New team leads pair up with peers a few months ahead of them: one hour a month "
            "for six months, to share what works."
        ),
        "objectives": (
            "Réussir ses premiers entretiens annuels\n"
            "Learn to delegate without losing track\n"
            "Build a network of fellow managers"
        ),
        "kind": "peer", "open_to_applications": True, "frequency": "monthly", "planned_meetings": 6,
        "meeting_minutes": 60, "channel": "video", "ground_rules": "Confidentiality, and come with a real case.",
        "departments": [], "seniorities": ["mid"], "languages": [], "mentor_capacity": 2,
        "language_rule": "required", "department_rule": "required", "timezone_rule": "any",
    },
    "participants": [
        {"email": "nadia.kowalski@demo.passerelle.example", "role": "mentor", "capacity": 2,
         "objectives": "Partager ce que j'ai appris en accompagnant des managers débutants."},
        {"email": "julien.mercier@demo.passerelle.example", "role": "either",
         "objectives": "Lead my first team of four without losing the product vision.",
         "seeks": ["Leading a team for the first time", "Conduire un entretien annuel utile"]},
        {"email": "baptiste.morel@demo.passerelle.example", "role": "mentee",
         "objectives": "Réussir mes premiers entretiens annuels et apprendre à déléguer.",
         "seeks": ["Manager une petite équipe", "Conduire un entretien annuel utile"]},
        {"email": "mehdi.bouzid@demo.passerelle.example", "role": "mentee", "source": "application",
         "objectives": "Get through my first 90 days as a team lead.",
         "seeks": ["Moving into management: the first 90 days", "Difficult conversations with employees"]},
        {"email": "sofia.garcia@demo.passerelle.example", "role": "either"},
        {"email": "fatou.diallo@demo.passerelle.example", "role": "mentor"},
        {"email": "priya.raman@demo.passerelle.example", "role": "mentee"},
        {"email": "clara.benoit@demo.passerelle.example", "role": "mentee"},  # no account yet
    ],
}
