"""Clustering of unmet requests: the same question in different words lands in one group."""

from __future__ import annotations

from bot.admin.clustering import cluster, similarity


def texts(groups: list[list[str]]) -> list[set[str]]:
    return [set(g) for g in groups]


def run(items: list[str]) -> list[list[str]]:
    return [list(c.members) for c in cluster(items, lambda t: t)]


def test_visa_phrasings_with_and_without_diacritics_are_one_cluster() -> None:
    found = run(["xin visa di nhat", "xin visa đi Nhật Bản", "con mèo nhà tôi bị ốm"])
    assert texts(found) == [{"xin visa di nhat", "xin visa đi Nhật Bản"}, {"con mèo nhà tôi bị ốm"}]


def test_stop_phrases_do_not_keep_a_question_apart() -> None:
    found = run(["cho em hỏi xin visa đi Nhật thế nào ạ", "xin visa đi Nhật Bản"])
    assert len(found) == 1


def test_unrelated_questions_stay_apart() -> None:
    found = run(["xin visa đi Nhật", "giấy phép karaoke", "báo mất ví", "ly hôn thuận tình"])
    assert len(found) == 4


def test_similarity_is_symmetric_and_scaled() -> None:
    a, b = "xin visa di nhat", "xin visa đi Nhật Bản"
    assert similarity(a, b) == similarity(b, a) >= 88
    assert similarity(a, "con mèo nhà tôi bị ốm") < 60


def test_biggest_cluster_first_and_its_leader_is_the_most_frequent_phrasing() -> None:
    items = ["báo mất ví", "xin visa đi Nhật Bản", "xin visa di nhat", "xin visa di nhat"]
    [first, second] = cluster(items, lambda t: t)
    assert first.size == 3 and first.leader == "xin visa di nhat"
    assert second.members == ("báo mất ví",)


def test_members_keep_input_order_and_objects() -> None:
    rows = [(3, "xin visa đi Nhật"), (2, "báo mất ví"), (1, "Xin visa đi Nhật!")]
    [visa, wallet] = cluster(rows, lambda r: r[1])
    assert visa.members == ((3, "xin visa đi Nhật"), (1, "Xin visa đi Nhật!"))
    assert wallet.members == ((2, "báo mất ví"),)


def test_clustering_is_deterministic() -> None:
    items = ["xin visa di nhat", "báo mất ví", "xin visa đi Nhật Bản", "mất ví ở chợ", "visa"]
    assert run(items) == run(list(items))


def test_nothing_in_nothing_out() -> None:
    assert cluster([], lambda t: t) == []
