"""One compiled scanner serves many threads at once (the web app serves with threads)."""

from concurrent.futures import ThreadPoolExecutor

from koe.engine import InternalIndex


def test_many_threads_can_scan_with_one_scanner(acme):
    posts = ["On behalf of Acme, hello", "元本保証で必ず儲かる", "my password is hunter2",
             "今日はいい天気", "call me at 090-1234-5678"] * 200
    expected = [sorted(f.rule for f in acme.scan(p).findings) for p in posts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda p: sorted(f.rule for f in acme.scan(p).findings), posts))
    assert got == expected


def test_many_threads_can_query_one_leak_index():
    from koe.engine.text import Text

    index = InternalIndex.from_documents([("d1", "The reorg moves the Osaka support team under "
                                                 "the Tokyo office starting in April.")])
    post = Text("Heard the reorg moves the Osaka support team under the Tokyo office")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: [m.doc_id for m in index.query(post)], range(400)))
    assert results == [["d1"]] * 400
