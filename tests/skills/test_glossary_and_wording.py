"""The workplace glossary (what tools, methods and abbreviations are) and the wording rules
applied to a skill before it is encoded (the learning or teaching verb goes).

Pure unit tests on temporary TSV files, plus the bundled glossary's content and the
`marketplace glossary list|add|reload` commands (hashing encoder, no model loads).
"""

from collections import defaultdict

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.skills import lexical
from marketplace.skills.engine import get_engine
from marketplace.skills.glossary import (BUNDLED, FIELDS, Glossary, GlossaryError, append_term, glossary_files,
                                         load_glossary, make_term, read_terms)
from marketplace.skills.models import SkillVector
from marketplace.skills.wording import prepared, skill_itself, with_glossary

HEADER = "\t".join(FIELDS)


def tsv(path, *lines, header=HEADER):
    """A glossary file with these lines (columns joined by tabs)."""
    path.write_text("\n".join([header, *("\t".join(line) for line in lines)]) + "\n", encoding="utf-8")
    return path


def line(term, aliases="", case="insensitive", kind="tool", en="a tool", fr="un outil"):
    return (term, aliases, case, kind, en, fr)


@pytest.fixture
def small_glossary(tmp_path):
    """A few terms chosen for their edges and cases."""
    path = tsv(
        tmp_path / "glossary-small.tsv",
        line("SAP", "SAP ERP", "insensitive", en="enterprise software vendor", fr="éditeur de progiciels"),
        line("C#", "CSharp", en="programming language", fr="langage de programmation"),
        line("P&L", "profit and loss", kind="abbreviation", en="profit and loss", fr="compte de résultat"),
        line("Microsoft Teams", "Teams", "sensitive", en="chat and meetings app", fr="messagerie et visio"),
        line("Salesforce", "SFDC", en="CRM software", fr="logiciel de CRM"),
    )
    return load_glossary([path])


# --- Reading files ------------------------------------------------------------------------

def test_a_file_is_read_into_terms(tmp_path):
    path = tsv(tmp_path / "g.tsv", line("Power BI", "PowerBI| Power BI Desktop |PowerBI", "insensitive", "tool",
                                        "  dashboards   from Microsoft ", "tableaux de bord"))
    (term,) = read_terms(path)
    assert term.term == "Power BI"
    assert term.aliases == ("PowerBI", "Power BI Desktop")  # trimmed, each once
    assert term.case_sensitive is False and term.kind == "tool"
    assert term.en == "dashboards from Microsoft"  # spacing tidied
    assert term.source == "g.tsv"


def test_a_file_without_the_header_is_refused(tmp_path):
    path = tsv(tmp_path / "g.tsv", line("Jira"), header="term\taliases\tcase\tkind\tenglish\tfrench")
    with pytest.raises(GlossaryError, match="header"):
        read_terms(path)


@pytest.mark.parametrize("bad,message", [
    (line("Jira", case="maybe"), "case is one of"),
    (line("Jira", kind="software"), "kind is one of"),
    (line("", en="nothing"), "a term has"),
    (line("Jira", en=""), "descriptions"),
    (line("J" * 61), "a term has"),
])
def test_a_bad_line_is_refused_and_named(tmp_path, bad, message):
    path = tsv(tmp_path / "g.tsv", line("Notion", case="sensitive"), bad)
    with pytest.raises(GlossaryError, match=message) as error:
        read_terms(path)
    assert f"{path}:3:" in str(error.value)  # the header is line 1, Notion line 2


@pytest.mark.parametrize("field", ["term", "aliases", "en", "fr"])
def test_tabs_and_newlines_are_refused_in_a_field(field):
    values = dict(zip(FIELDS, line("Jira")))
    for bad in ("two\tparts", "two\nlines"):
        with pytest.raises(GlossaryError, match="single-line"):
            make_term(**{**values, field: bad})


def test_a_stray_tab_inside_a_description_is_refused(tmp_path):
    """A tab typed inside the French description makes a seventh column: the end of the
    description must not be dropped without a word."""
    path = tmp_path / "g.tsv"
    path.write_text(f"{HEADER}\nExcel\t\tsensitive\ttool\tspreadsheet\ttableur\tde Microsoft\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_terms(path)
    assert f"{path}:2:" in str(error.value)


def test_a_line_with_missing_columns_is_refused_and_named(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text(f"{HEADER}\nExcel\t\tsensitive\ttool\tspreadsheet\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_terms(path)
    assert f"{path}:2:" in str(error.value)


# --- Finding terms ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Utiliser SAP au quotidien", ["SAP"]),
    ("Décorer un sapin de Noël", []),  # no "SAP" inside a word
    ("SAPIN", []),
    ("Migrer vers SAP ERP", ["SAP"]),  # the longer alias, once
    ("Développer en C# et lire un P&L", ["C#", "P&L"]),
    ("C#, P&L.", ["C#", "P&L"]),
    ("Lire un compte P&L2", []),  # a letter or digit touching it: not the term
    ("Organiser les réunions sur Teams", ["Microsoft Teams"]),
    ("Animer des teams agiles", []),  # case-sensitive: "teams" is the English word
    ("SALESFORCE, salesforce et SFDC", ["Salesforce"]),  # case-insensitive: any case, once
])
def test_find_respects_word_edges_and_case(small_glossary, text, expected):
    assert [t.term for t in small_glossary.find(text)] == expected


def test_find_lists_terms_in_order_of_first_appearance(small_glossary):
    found = small_glossary.find("Teams, puis Salesforce, puis SAP, puis Teams encore")
    assert [t.term for t in found] == ["Microsoft Teams", "Salesforce", "SAP"]


def test_lookup_by_name_or_alias(small_glossary):
    assert small_glossary.lookup("sfdc").term == "Salesforce"
    assert small_glossary.lookup("Teams").term == "Microsoft Teams"
    assert small_glossary.lookup("teams") is None  # case-sensitive


def test_a_later_file_replaces_an_earlier_term_of_the_same_name(tmp_path):
    first = tsv(tmp_path / "glossary-a.tsv", line("Jira", en="old", fr="ancien"), line("Notion", case="sensitive"))
    second = tsv(tmp_path / "glossary-b.tsv", line("JIRA", en="issue tracker", fr="suivi des tickets"))
    glossary = load_glossary([first, second])
    assert len(glossary) == 2
    assert glossary.lookup("Jira").en == "issue tracker"
    assert glossary.lookup("Jira").source == "glossary-b.tsv"


def test_a_later_term_wins_over_an_earlier_alias_of_the_same_name(tmp_path):
    """The instance's own file is read last "and its lines win" (glossary_files): a company
    whose "Teams" is its own tool must get its description, not Microsoft's."""
    bundled = tsv(tmp_path / "glossary-a.tsv",
                  line("Microsoft Teams", "Teams", "sensitive", en="chat app", fr="messagerie"))
    local = tsv(tmp_path / "glossary.tsv", line("Teams", "", "sensitive", en="our project tool", fr="notre outil"))
    glossary = load_glossary([bundled, local])
    assert glossary.lookup("Teams").en == "our project tool"
    assert [t.term for t in glossary.find("Suivre un projet dans Teams")] == ["Teams"]


def test_version_follows_the_content(tmp_path):
    one = tsv(tmp_path / "one.tsv", line("Jira", en="issue tracker"), line("Notion", case="sensitive"))
    same = tsv(tmp_path / "same.tsv", line("Notion", case="sensitive"), line("Jira", en="issue tracker"))
    changed = tsv(tmp_path / "changed.tsv", line("Jira", en="issue and project tracker"),
                  line("Notion", case="sensitive"))
    assert load_glossary([one]).version == load_glossary([same]).version  # order does not matter
    assert load_glossary([one]).version != load_glossary([changed]).version
    assert load_glossary([one]).version != Glossary([]).version


def test_append_term_writes_a_file_read_back_as_written(tmp_path):
    instance = tmp_path / "instance"
    first = make_term("Zorblax", "ZBX", "insensitive", "tool", "our in-house planning tool",
                      "notre outil interne de planification")
    quoted = make_term("Lean", "Lean management", "insensitive", "method",
                       'the "Lean" method: removing waste', "la méthode « Lean » dite \"lean\"")
    path = append_term(instance, first)
    append_term(instance, quoted)
    assert [t.as_row() for t in read_terms(path)] == [first.as_row(), quoted.as_row()]
    # Adding a term again replaces it, in place of a second line.
    changed = make_term("zorblax", "", "sensitive", "tool", "planning tool", "outil de planification")
    append_term(instance, changed)
    assert [t.term for t in read_terms(path)] == ["Lean", "zorblax"]


def test_append_term_keeps_the_other_terms(tmp_path):
    instance = tmp_path / "instance"
    for name in ("Alpha", "Beta", "Gamma"):
        append_term(instance, make_term(name, "", "insensitive", "tool", f"{name} tool", f"outil {name}"))
    path = append_term(instance, make_term("Beta", "B", "insensitive", "tool", "new", "nouveau"))
    assert {t.term: t.en for t in read_terms(path)} == {"Alpha": "Alpha tool", "Gamma": "Gamma tool", "Beta": "new"}


# --- The bundled glossary -------------------------------------------------------------------

REQUIRED = ["TikTok", "Power BI", "Salesforce", "Jira", "SAP", "Figma", "Notion", "Canva", "Copilot", "TCD",
            "KPI", "OKR", "RGPD", "P&L", "CRM", "ERP", "BATNA"]


@pytest.fixture(scope="module")
def bundled_files():
    files = sorted(BUNDLED.glob("glossary-*.tsv"))
    if len(files) < 2:
        pytest.skip(f"the bundled glossary files are still being written ({[f.name for f in files]})")
    return files


@pytest.fixture(scope="module")
def bundled(bundled_files):
    return load_glossary(bundled_files)


def test_every_bundled_line_is_valid_and_there_are_at_least_a_thousand_terms(bundled_files, bundled):
    terms = [term for path in bundled_files for term in read_terms(path)]  # GlossaryError names a bad line
    assert len(bundled) >= 1000
    assert {t.kind for t in terms} == {"tool", "method", "abbreviation"}
    for path in bundled_files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER


def test_no_term_is_defined_twice_in_the_bundled_files(bundled_files):
    """Files are merged by term name: a second line silently replaces the first, so one of
    the two meanings (SAS the software, SAS the company form) would be lost."""
    sources = defaultdict(list)
    for path in bundled_files:
        for term in read_terms(path):
            sources[term.term.casefold()].append(f"{path.name}:{term.term}")
    assert {name: where for name, where in sources.items() if len(where) > 1} == {}


def test_no_bundled_name_belongs_to_two_terms_of_the_same_case_rule(bundled):
    """A name (term or alias) finds one term; a second term with the same name and case rule
    is never found by it."""
    owners = defaultdict(set)
    for term in bundled.terms:
        for name in term.names:
            owners[(term.case_sensitive, name if term.case_sensitive else name.casefold())].add(term.term)
    assert {name: terms for name, terms in owners.items() if len(terms) > 1} == {}


@pytest.mark.parametrize("name", REQUIRED)
def test_bundled_glossary_knows_the_workplace_names(bundled, name):
    assert bundled.lookup(name) is not None, f"{name} is not in the bundled glossary"


def test_bundled_glossary_knows_gdpr_by_either_name(bundled):
    assert bundled.lookup("GDPR") is not None and bundled.lookup("GDPR") is bundled.lookup("RGPD")


def test_bundled_glossary_says_what_a_tcd_and_excel_are(bundled):
    assert "tableau croisé dynamique" in bundled.lookup("TCD").fr.casefold()
    assert "pivot table" in bundled.lookup("TCD").en.casefold()
    assert "tableur" in bundled.lookup("Excel").fr.casefold()


@pytest.mark.parametrize("text,expected", [
    ("Faire un sapin en origami", []),
    ("Bien utiliser Teams", ["Microsoft Teams"]),
    ("Former des teams autonomes", []),
    ("Lire un P&L", ["P&L"]),
    ("Développeur C# confirmé", ["C#"]),  # not also the C language
    ("Coder en C++", ["C++"]),  # not also the C language
    ("Rapports Power BI", ["Power BI"]),  # not also "BI" on its own
])
def test_bundled_find_on_real_texts(bundled, text, expected):
    assert [t.term for t in bundled.find(text)] == expected


# --- Wording --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,skill", [
    # needs, French
    ("apprendre Salesforce", "Salesforce"),
    ("Apprendre à négocier", "négocier"),
    ("Je voudrais apprendre à utiliser Power BI", "Power BI"),
    ("J'aimerais maîtriser les TCD", "TCD"),
    ("J’aimerais bien comprendre le RGPD", "RGPD"),
    ("Besoin d'aide pour Excel", "Excel"),
    ("Je veux comprendre TikTok", "TikTok"),
    ("Me former à la gestion de projet", "gestion de projet"),
    ("Être plus à l'aise avec la prise de parole", "prise de parole"),
    ("M'initier aux OKR", "OKR"),
    ("Savoir utiliser Jira", "Jira"),
    ("Les bases de la comptabilité", "comptabilité"),
    # needs, English
    ("Learning Python", "Python"),
    ("Get better at negotiating", "negotiating"),
    ("I would like to learn Canva", "Canva"),
    ("I need help with Excel", "Excel"),
    ("Understand the P&L", "P&L"),
    ("Improve my English", "English"),
    ("Brush up on Spanish", "Spanish"),
    # offers
    ("Je peux vous apprendre la négociation", "négociation"),
    ("Je peux t'expliquer les KPI", "KPI"),
    ("Je peux vous former à Excel", "Excel"),
    ("Enseigner la photographie", "photographie"),
    ("I can teach you public speaking", "public speaking"),
    ("I can help with Salesforce", "Salesforce"),
    ("Teaching Excel pivot tables", "Excel pivot tables"),
    # already the skill
    ("Tableaux croisés dynamiques", "Tableaux croisés dynamiques"),
    ("  Excel   pivot tables ", "Excel pivot tables"),
    ("apprendre à apprendre", "apprendre à apprendre"),  # nothing but verbs left: kept as written
])
def test_skill_itself_drops_the_learning_or_teaching_verb(text, skill):
    assert skill_itself(text) == skill


def test_skill_itself_drops_to_use_as_it_drops_utiliser():
    """"Savoir utiliser Jira" is "Jira"; "Learn to use Figma" is "Figma" just the same."""
    assert skill_itself("Savoir utiliser Jira") == "Jira"
    assert skill_itself("Learn to use Figma") == "Figma"
    assert skill_itself("I would like to learn how to use Excel") == "Excel"


@pytest.mark.parametrize("text", ["Apprendre", "Learn", "Teach", "Apprendre à", "apprendre:",
                                  "Je peux vous apprendre"])
def test_a_text_that_is_only_a_verb_stays_as_it_is(text):
    assert skill_itself(text) == text


@pytest.mark.parametrize("text", ["Je veux apprendre", "I want to learn"])
def test_a_text_that_is_only_a_wish_to_learn_stays_as_it_is(text):
    """skill_itself's docstring: "A text that is nothing but such a phrase is returned as it
    was" — not cut down to its last word."""
    assert skill_itself(text) == text


@pytest.mark.parametrize("text", ["savoir-être", "Savoir-être en réunion", "Savoir-faire commercial"])
def test_savoir_etre_is_a_skill_not_a_verb(text):
    assert skill_itself(text) == text


def test_savoir_etre_without_its_hyphen_is_still_a_skill():
    assert skill_itself("savoir être") == "savoir être"


def test_with_glossary_appends_what_each_term_is(small_glossary):
    text = with_glossary("Salesforce et SAP", small_glossary)
    assert text == ("Salesforce et SAP (Salesforce: CRM software / logiciel de CRM; "
                    "SAP: enterprise software vendor / éditeur de progiciels)")
    assert with_glossary("Prise de parole", small_glossary) == "Prise de parole"
    assert with_glossary("Salesforce", None) == "Salesforce"


def test_with_glossary_notes_at_most_three_terms(small_glossary):
    text = with_glossary("SAP, Salesforce, C#, P&L et Teams", small_glossary)
    assert text.count(" / ") == 3 and "P&L:" not in text


def test_prepared_removes_the_verb_then_applies_the_glossary(small_glossary):
    assert prepared("Je voudrais apprendre Salesforce", small_glossary) == \
        "Salesforce (Salesforce: CRM software / logiciel de CRM)"


# --- The commands ---------------------------------------------------------------------------

@pytest.fixture
def app_config(app_config):
    """The hashing encoder: the commands do not depend on the model."""
    return {**app_config, "MATCHING_ENCODER": "hashing"}


@pytest.fixture
def instance(app, tmp_path):
    """An instance folder of the test's own: `glossary add` writes there, never in the repo."""
    app.instance_path = str(tmp_path / "instance")
    return tmp_path / "instance"


def test_glossary_list_finds_the_terms_a_text_names(runner, instance):
    result = runner.invoke(args=["glossary", "list", "--find", "Mes TCD dans Excel"])
    assert result.exit_code == 0, result.output
    names = [row.split("\t")[0] for row in result.stdout.splitlines()]
    assert names == ["TCD", "Microsoft Excel"]
    assert "terms, version" in result.stderr


def test_glossary_add_then_reload_reembeds_and_reindexes_the_words(app, runner, instance, make_user, make_skill):
    owner = make_user()
    skill = make_skill(owner, "offer", "Planning dans Zorblax")
    before = get_engine().identity
    assert lexical.search_skills("ordonnancement", get_engine().glossary) == []

    result = runner.invoke(args=["glossary", "add", "Zorblax", "--alias", "ZBX", "--kind", "tool",
                                 "--en", "in-house scheduling tool", "--fr", "outil interne d'ordonnancement"])
    assert result.exit_code == 0, result.output
    assert (instance / "glossary.tsv").exists()
    assert [t.term for t in read_terms(instance / "glossary.tsv")] == ["Zorblax"]
    listed = runner.invoke(args=["glossary", "list", "--find", "ZBX"])
    assert listed.stdout.splitlines()[0].split("\t")[-1] == "glossary.tsv"

    result = runner.invoke(args=["glossary", "reload"])
    assert result.exit_code == 0, result.output
    assert "1 skills embedded" in result.stdout
    after = get_engine().identity
    assert after != before
    assert db.session.scalars(sa.select(SkillVector.encoder).where(SkillVector.skill_id == skill.id)).all() == [after]
    assert lexical.search_skills("ordonnancement", get_engine().glossary) == [skill.id]


def test_glossary_add_refuses_a_bad_term(runner, instance):
    result = runner.invoke(args=["glossary", "add", "Zorblax", "--en", "two\tparts", "--fr", "x"])
    assert result.exit_code != 0 and "single-line" in result.output
    assert not (instance / "glossary.tsv").exists()


def test_glossary_files_read_the_instance_file_last(tmp_path):
    tsv(tmp_path / "glossary.tsv", line("Zorblax"))
    files = glossary_files(tmp_path)
    assert files[-1] == tmp_path / "glossary.tsv"
    assert all(f.parent == BUNDLED for f in files[:-1])
