//! One pass over RON text producing the spans of every value, without
//! interpreting it. Stops (returns `None`) on anything it does not understand.

use std::ops::Range;

/// Deepest nesting the span scanner follows (ron itself stops at 128).
const MAX_DEPTH: usize = 256;

/// Spans of one RON value and of its parts.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub(super) span: Range<usize>,
    pub(super) head: Range<usize>,
    pub(super) kind: Kind,
}

#[derive(Clone, Debug)]
pub(super) enum Kind {
    Leaf,
    List(Vec<Item>),
    Map(Vec<(Item, Item)>),
    Struct(Vec<(Range<usize>, Item)>),
    Tuple(Vec<Item>),
}

pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Scanner<'_> {
    /// The top-level value of `text`, or `None` when the layout is not understood.
    pub(super) fn scan(text: &str) -> Option<Item> {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        scanner.skip_attributes();
        scanner.value()
    }

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
