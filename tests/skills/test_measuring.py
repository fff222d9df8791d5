"""eval-matching and bench-matching on tiny folders."""

import json

import pytest

from marketplace.skills.evaluation import retrieval_metrics

CORPUS = [
    ("d1", "Public speaking", "Speak with confidence in front of an audience."),
    ("d2", "Excel pivot tables", "Summarise data with pivot tables."),
    ("d3", "Negotiating supplier contracts", "Prepare and lead a negotiation with suppliers."),
    ("d4", "Short-form video on TikTok", "Create short videos for brands."),
]
QUERIES = [
    ("q1", "parler en public avec assurance", "d1"),
    ("q2", "negotiate with vendors", "d3"),
    ("q3", "tableaux croisés dynamiques", "missing-doc"),  # its answer is not in the corpus
]


@pytest.fixture
def beir(tmp_path):
    folder = tmp_path / "tiny-task"
    (folder / "qrels").mkdir(parents=True)
    with open(folder / "corpus.jsonl", "w") as handle:
        for doc_id, title, text in CORPUS:
            handle.write(json.dumps({"_id": doc_id, "title": title, "text": text}) + "\n")
    with open(folder / "queries.jsonl", "w") as handle:
        for query_id, text, _ in QUERIES:
            handle.write(json.dumps({"_id": query_id, "text": text}) + "\n")
    with open(folder / "qrels" / "test.tsv", "w") as handle:
        handle.write("query-id\tcorpus-id\tscore\n")
        for query_id, _, doc_id in QUERIES:
            handle.write(f"{query_id}\t{doc_id}\t1\n")
    return folder


@pytest.mark.real_model
def test_eval_matching_prints_known_figures(runner, beir):
    result = runner.invoke(args=["eval-matching", str(beir), "--threads", "1"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["task"] == "tiny-task" and figures["queries"] == 3
    # Two queries find their document first; the third cannot.
    assert figures["recall_at_1"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["recall_at_10"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["mrr_at_10"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["ndcg_at_10"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["encode_per_s"] > 0 and figures["query_ms_p50"] > 0


def test_retrieval_metrics_arithmetic():
    figures = retrieval_metrics(["a", "b", "c"], {"b": 1, "z": 1})
    assert figures["recall_at_1"] == 0
    assert figures["recall_at_10"] == 0.5
    assert figures["mrr_at_10"] == 0.5
    ideal = 1 + 1 / 1.5849625
    assert figures["ndcg_at_10"] == pytest.approx((1 / 1.5849625) / ideal)


def test_bench_matching_prints_its_figures(runner, beir):
    result = runner.invoke(args=["bench-matching", "--members", "40", "--samples", "10",
                                 "--phrases", str(beir), "--threads", "1"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["members"] == 40
    assert 40 * 8 <= figures["vectors"] <= 40 * 12
    assert figures["build_s"] >= 0
    for key in ("index_bytes", "p50_ms", "p95_ms", "reference_p50_ms", "ratio"):
        assert figures[key] > 0, key
    assert figures["index_to_raw"] <= 1.1 * 1.5  # tiny indexes carry their growth margin
