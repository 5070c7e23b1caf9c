//! Where things are in a RON file: a light tree of byte spans, built in one pass
//! over text that `ron` already accepted, so the validator can point at the exact
//! field or value a problem is about.

mod scanner;

use scanner::{Item, Kind, Scanner};
use std::collections::HashMap;
use std::ops::Range;

/// One step of a path from the top of the file down to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A named field of a struct (`start`, `choices`, ...).
    Field(&'static str),
    /// The entry of the top-level `nodes` map with this id (points at the key).
    Node(String),
    /// A key of a map (points at the key).
    Key(String),
    /// The value of the map entry selected by the previous [`Seg::Key`] or [`Seg::Node`].
    Value,
    /// An element of a list or tuple, from 0.
    Index(usize),
}

/// Positions of the values in one file; see [`SourceMap::resolve`].
#[derive(Debug)]
pub struct SourceMap<'a> {
    text: &'a str,
    root: Option<Item>,
    node_index: HashMap<&'a str, usize>,
    duplicate_nodes: Vec<(String, Range<usize>, Range<usize>)>,
}

impl<'a> SourceMap<'a> {
    /// Scans `text`; never fails (unknown layouts just resolve to the file start).
    pub fn new(text: &'a str) -> Self {
        let root = Scanner::scan(text);
        let mut map = SourceMap {
            text,
            root,
            node_index: HashMap::new(),
            duplicate_nodes: Vec::new(),
        };
        map.index_nodes();
        map
    }

    fn index_nodes(&mut self) {
        let Some(Kind::Map(entries)) = self
            .root
            .as_ref()
            .and_then(|r| field(self.text, r, "nodes"))
            .map(|i| &i.kind)
        else {
            return;
        };
        let mut first_index: HashMap<&str, usize> = HashMap::new();
        for (i, (key, _)) in entries.iter().enumerate() {
            let name = key_text(self.text, &key.span);
            match first_index.get(name) {
                Some(&first) => {
                    let first_span = entries[first].0.span.clone();
                    self.duplicate_nodes
                        .push((name.to_string(), first_span, key.span.clone()));
                }
                None => {
                    first_index.insert(name, i);
                }
            }
            // The scenario keeps the last node with an id (a map entry written
            // again replaces the value), so positions point at that one.
            self.node_index.insert(name, i);
        }
    }

    /// The text this map was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Node ids written more than once in `nodes`: (id, first key span, repeated key span).
    pub fn duplicate_nodes(&self) -> &[(String, Range<usize>, Range<usize>)] {
        &self.duplicate_nodes
    }

    /// Byte span of the value at `path`. Missing parts fall back to the closest
    /// enclosing thing that exists (e.g. the node's key when a field was left out).
    pub fn resolve(&self, path: &[Seg]) -> Range<usize> {
        let Some(mut item) = self.root.as_ref() else {
            return 0..0;
        };
        let mut span = item.head.clone();
        let mut entry_value: Option<&Item> = None;
        for seg in path {
            let next = match seg {
                Seg::Field(name) => field(self.text, item, name),
                Seg::Index(i) => match &unwrap_some(self.text, item).kind {
                    Kind::List(items) | Kind::Tuple(items) => items.get(*i),
                    _ => None,
                },
                Seg::Node(id) => {
                    let entry =
                        field(self.text, item, "nodes").and_then(|nodes| match &nodes.kind {
                            Kind::Map(entries) => self
                                .node_index
                                .get(id.as_str())
                                .and_then(|&i| entries.get(i)),
                            _ => None,
                        });
                    entry.map(|(key, value)| {
                        entry_value = Some(value);
                        key
                    })
                }
                Seg::Key(k) => {
                    let entry = match &unwrap_some(self.text, item).kind {
                        Kind::Map(entries) => entries
                            .iter()
                            .find(|(key, _)| key_text(self.text, &key.span) == k),
                        _ => None,
                    };
                    entry.map(|(key, value)| {
                        entry_value = Some(value);
                        key
                    })
                }
                Seg::Value => entry_value.take(),
            };
            match next {
                Some(found) => {
                    item = found;
                    span = if self.text[found.span.clone()].contains('\n') {
                        found.head.clone()
                    } else {
                        found.span.clone()
                    };
                }
                None => return item.head.clone(),
            }
        }
        span
    }
}

fn field<'i>(text: &str, item: &'i Item, name: &str) -> Option<&'i Item> {
    match &unwrap_some(text, item).kind {
        Kind::Struct(fields) => fields
            .iter()
            .find(|(n, _)| &text[n.clone()] == name)
            .map(|(_, v)| v),
        _ => None,
    }
}

/// `Some(x)` written explicitly is looked through, as with implicit `Some`.
fn unwrap_some<'i>(text: &str, item: &'i Item) -> &'i Item {
    match &item.kind {
        Kind::Tuple(items) if items.len() == 1 && &text[item.head.clone()] == "Some" => &items[0],
        _ => item,
    }
}

/// The text of a map key: a string's contents without quotes, or an identifier.
fn key_text<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
    let raw = &text[span.clone()];
    let raw = raw
        .strip_prefix('r')
        .map(|r| r.trim_matches('#'))
        .unwrap_or(raw);
    raw.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment
Scenario(
    id: "x",
    customer: Customer(names: ["A"], mood: 40),
    start: "a",
    nodes: {
        "a": Line(speaker: Customer, text: "hi", choices: [
            Choice(text: "one", needs: { Empathy: 5 }, next: "b"),
            Choice(text: "two", requires: Some(Not(Flag("f"))), next: "a"),
        ]),
        "b": End(outcome: Lost, text: "bye /* not a comment */"),
        "b": End(outcome: Lost, text: "again"),
    },
)"#;

    fn at<'a>(map: &SourceMap, text: &'a str, path: &[Seg]) -> &'a str {
        &text[map.resolve(path)]
    }

    #[test]
    fn resolves_fields_nodes_lists_keys_and_conditions() {
        let map = SourceMap::new(TEXT);
        assert_eq!(at(&map, TEXT, &[Seg::Field("start")]), "\"a\"");
        assert_eq!(
            at(&map, TEXT, &[Seg::Field("customer"), Seg::Field("mood")]),
            "40"
        );
        assert_eq!(at(&map, TEXT, &[Seg::Node("b".into())]), "\"b\"");
        let effect = [
            Seg::Node("a".into()),
            Seg::Value,
            Seg::Field("choices"),
            Seg::Index(0),
            Seg::Field("needs"),
            Seg::Key("Empathy".into()),
            Seg::Value,
        ];
        assert_eq!(at(&map, TEXT, &effect), "5");
        let cond = [
            Seg::Node("a".into()),
            Seg::Value,
            Seg::Field("choices"),
            Seg::Index(1),
            Seg::Field("requires"),
        ];
        assert_eq!(at(&map, TEXT, &cond), "Some(Not(Flag(\"f\")))");
        let inner = [cond.as_slice(), &[Seg::Index(0), Seg::Index(0)]].concat();
        assert_eq!(at(&map, TEXT, &inner), "\"f\"");
    }

    #[test]
    fn missing_parts_fall_back_and_duplicates_are_found() {
        let map = SourceMap::new(TEXT);
        let missing = [Seg::Node("b".into()), Seg::Value, Seg::Field("next")];
        assert_eq!(at(&map, TEXT, &missing), "End");
        assert_eq!(map.duplicate_nodes().len(), 1);
        let (id, first, again) = map.duplicate_nodes()[0].clone();
        assert_eq!((id.as_str(), &TEXT[again.clone()]), ("b", "\"b\""));
        assert!(first.start < again.start);
        // The node the game keeps is the last one written: point there.
        assert_eq!(map.resolve(&[Seg::Node("b".into())]), again);
        assert_eq!(SourceMap::new("((((").resolve(&[Seg::Field("id")]), 0..0);
    }
}
