"""The builder behind read_spec: positions read on demand, merges, scalar types."""

from __future__ import annotations

from reconciler.spec.yamlread import read_spec


def test_positions_read_on_demand_behave_as_a_mapping_in_document_order() -> None:
    document = read_spec(b"name: A\ntags: [x, y]\n", "s.yaml")
    assert list(document.positions) == ["name", "tags", "tags.0", "tags.1"]
    assert len(document.key_positions) == 2
    assert "tags.1" in document.positions
    assert "tags.2" not in document.positions
    assert document.positions.get("tags.2", (1, 1)) == (1, 1)
    assert dict(document.key_positions) == {"name": (1, 1), "tags": (2, 1)}


def test_an_explicitly_tagged_merge_key_is_merged_without_the_merge_key_text() -> None:
    raw = b"q: {!!merge base: {duration: 60, label: x}, label: y}\n"
    assert read_spec(raw, "s.yaml").data["q"] == {"duration": 60, "label": "y"}


def test_repeated_scalars_keep_the_type_their_style_gives_them() -> None:
    raw = b"a: 120\nb: '120'\nc: 120\nd: \"120\"\ne: yes\nf: 'yes'\ng: ~\nh: '~'\ni: 120\n"
    assert read_spec(raw, "s.yaml").data == {
        "a": 120,
        "b": "120",
        "c": 120,
        "d": "120",
        "e": True,
        "f": "yes",
        "g": None,
        "h": "~",
        "i": 120,
    }
