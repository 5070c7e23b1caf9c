//! Where things are in a RON file: a light tree of byte spans, built in one pass
//! over text that `ron` already accepted, so the validator can point at the exact
//! field or value a problem is about.

use std::collections::HashMap;
use std::ops::Range;

/// Deepest nesting the span scanner follows (ron itself stops at 128).
const MAX_DEPTH: usize = 256;

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

/// Spans of one RON value and of its parts.
#[derive(Clone, Debug)]
struct Item {
    span: Range<usize>,
    head: Range<usize>,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Leaf,
    List(Vec<Item>),
    Map(Vec<(Item, Item)>),
    Struct(Vec<(Range<usize>, Item)>),
    Tuple(Vec<Item>),
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
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        scanner.skip_attributes();
        let root = scanner.value();
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
        for (i, (key, _)) in entries.iter().enumerate() {
            let name = key_text(self.text, &key.span);
            if let Some(&first) = self.node_index.get(name) {
                let first_span = entries[first].0.span.clone();
                self.duplicate_nodes
                    .push((name.to_string(), first_span, key.span.clone()));
            } else {
                self.node_index.insert(name, i);
            }
        }
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

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.bytes.get(self.pos + 1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => self.skip_block_comment(),
                _ => return,
            }
        }
    }

    fn skip_block_comment(&mut self) {
        let mut level = 0usize;
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos..].starts_with(b"/*") {
                level += 1;
                self.pos += 2;
            } else if self.bytes[self.pos..].starts_with(b"*/") {
                level -= 1;
                self.pos += 2;
                if level == 0 {
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
    }

    /// Skips `#![enable(...)]` attributes at the top of the file.
    fn skip_attributes(&mut self) {
        self.skip_trivia();
        while self.peek() == Some(b'#') {
            while self.peek().is_some_and(|b| b != b']') {
                self.pos += 1;
            }
            self.pos += 1;
            self.skip_trivia();
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_trivia();
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn value(&mut self) -> Option<Item> {
        self.skip_trivia();
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let item = self.value_inner();
        self.depth -= 1;
        item
    }

    fn value_inner(&mut self) -> Option<Item> {
        let start = self.pos;
        match self.peek()? {
            b'[' => {
                self.pos += 1;
                let items = self.sequence(b']', |s| s.value())?;
                Some(Item {
                    span: start..self.pos,
                    head: start..start + 1,
                    kind: Kind::List(items),
                })
            }
            b'{' => {
                self.pos += 1;
                let entries = self.sequence(b'}', |s| {
                    let key = s.value()?;
                    s.eat(b':').then_some(())?;
                    Some((key, s.value()?))
                })?;
                Some(Item {
                    span: start..self.pos,
                    head: start..start + 1,
                    kind: Kind::Map(entries),
                })
            }
            b'(' => self.paren(start, start..start + 1),
            b'"' => self.string(start),
            b'r' if matches!(self.bytes.get(start + 1), Some(b'"' | b'#')) => {
                self.raw_string(start)
            }
            b'b' if self.bytes.get(start + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string(start)
            }
            b'\'' => {
                self.pos += 1;
                while let Some(b) = self.peek() {
                    self.pos += if b == b'\\' { 2 } else { 1 };
                    if b == b'\'' {
                        break;
                    }
                }
                Some(self.leaf(start))
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !b",:()[]{}".contains(&b) && !b.is_ascii_whitespace())
                {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                let head = start..self.pos;
                let after_name = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.paren(start, head)
                } else {
                    self.pos = after_name;
                    Some(self.leaf(start))
                }
            }
        }
    }

    fn leaf(&self, start: usize) -> Item {
        Item {
            span: start..self.pos,
            head: start..self.pos,
            kind: Kind::Leaf,
        }
    }

    fn string(&mut self, start: usize) -> Option<Item> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(self.leaf(start));
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self, start: usize) -> Option<Item> {
        self.pos += 1;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes + 1;
        let closing: Vec<u8> = std::iter::once(b'"')
            .chain(std::iter::repeat_n(b'#', hashes))
            .collect();
        let end = self
            .bytes
            .get(self.pos..)?
            .windows(closing.len())
            .position(|w| w == closing.as_slice())?;
        self.pos += end + closing.len();
        Some(self.leaf(start))
    }

    /// `(` ... `)`: a struct when it starts with `name:`, else a tuple.
    fn paren(&mut self, start: usize, head: Range<usize>) -> Option<Item> {
        self.pos += 1;
        let kind = if self.starts_with_field() {
            Kind::Struct(self.sequence(b')', |s| {
                s.skip_trivia();
                let name_start = s.pos;
                while s
                    .peek()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    s.pos += 1;
                }
                let name = name_start..s.pos;
                s.eat(b':').then_some(())?;
                Some((name, s.value()?))
            })?)
        } else {
            Kind::Tuple(self.sequence(b')', |s| s.value())?)
        };
        Some(Item {
            span: start..self.pos,
            head,
            kind,
        })
    }

    fn starts_with_field(&mut self) -> bool {
        self.skip_trivia();
        let mut p = self.pos;
        while self
            .bytes
            .get(p)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            p += 1;
        }
        if p == self.pos {
            return false;
        }
        while self.bytes.get(p).is_some_and(|b| b.is_ascii_whitespace()) {
            p += 1;
        }
        self.bytes.get(p) == Some(&b':') && self.bytes.get(p + 1) != Some(&b':')
    }

    /// Comma-separated elements up to `close` (trailing comma allowed).
    fn sequence<T>(
        &mut self,
        close: u8,
        mut element: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = Vec::new();
        loop {
            if self.eat(close) {
                return Some(out);
            }
            out.push(element(self)?);
            if !self.eat(b',') {
                return self.eat(close).then_some(out);
            }
        }
    }
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
        "a": End(outcome: Lost, text: "again"),
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
        assert_eq!(&TEXT[map.duplicate_nodes()[0].2.clone()], "\"a\"");
        assert_eq!(SourceMap::new("((((").resolve(&[Seg::Field("id")]), 0..0);
    }
}
