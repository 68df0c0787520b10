//! JSON pointers of the walk, kept as borrowed tokens until a finding needs the text.

/// One token of a JSON pointer, borrowed from the document.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tok<'a> {
    /// An object key (escaped when the pointer is built).
    Key(&'a str),
    /// An array index.
    Idx(usize),
    /// Pointer text already escaped (the fragment of a `$ref`, e.g. `/definitions/Task`).
    Raw(&'a str),
}

const LOC_CAP: usize = 7;

/// A short JSON pointer kept as borrowed tokens (no allocation until [`Loc::ptr`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc<'a> {
    toks: [Tok<'a>; LOC_CAP],
    len: usize,
}

impl<'a> Loc<'a> {
    pub(crate) fn root() -> Self {
        Loc {
            toks: [Tok::Raw(""); LOC_CAP],
            len: 0,
        }
    }

    /// The location a `$ref` points at (`#/definitions/Task` → `/definitions/Task`).
    pub(crate) fn of_ref(r: &'a str) -> Self {
        Loc::root().with(Tok::Raw(r.strip_prefix('#').unwrap_or(r)))
    }

    pub(crate) fn with(mut self, t: Tok<'a>) -> Self {
        debug_assert!(self.len < LOC_CAP, "Loc is too short for {:?}", self);
        if self.len < LOC_CAP {
            self.toks[self.len] = t;
            self.len += 1;
        }
        self
    }

    pub(crate) fn key(self, k: &'a str) -> Self {
        self.with(Tok::Key(k))
    }

    pub(crate) fn idx(self, i: usize) -> Self {
        self.with(Tok::Idx(i))
    }

    /// The pointer text.
    pub(crate) fn ptr(&self) -> String {
        render(&self.toks[..self.len], &[])
    }

    /// The pointer text of this location followed by `extra`.
    pub(crate) fn ptr_with(&self, extra: &[Tok]) -> String {
        render(&self.toks[..self.len], extra)
    }
}

fn render(a: &[Tok], b: &[Tok]) -> String {
    let len: usize = a
        .iter()
        .chain(b)
        .map(|t| match *t {
            Tok::Key(k) => k.len() + 3,
            Tok::Idx(_) => 4,
            Tok::Raw(r) => r.len(),
        })
        .sum();
    let mut s = String::with_capacity(len);
    for t in a.iter().chain(b) {
        match *t {
            Tok::Key(k) => {
                s.push('/');
                // RFC 6901 escaping, byte-wise ('~' and '/' are ASCII).
                let mut start = 0;
                for (i, b) in k.bytes().enumerate() {
                    if b == b'~' || b == b'/' {
                        s.push_str(&k[start..i]);
                        s.push_str(if b == b'~' { "~0" } else { "~1" });
                        start = i + 1;
                    }
                }
                s.push_str(&k[start..]);
            }
            Tok::Idx(i) => {
                s.push('/');
                push_number(&mut s, i);
            }
            Tok::Raw(r) => s.push_str(r),
        }
    }
    s
}

fn push_number(s: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.extend(digits[at..].iter().map(|&d| d as char));
}
