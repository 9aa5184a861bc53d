//! A compact DOM for the HTML ingest, built in linear time from
//! html5ever's tokenizer. scraper's full HTML5 tree builder took ~40× the
//! page in memory and quadratic time on deep nesting; here a node is 20
//! bytes plus its text in one shared buffer, every end tag costs at most
//! [`MAX_SCAN`] steps, and a page over [`MAX_NODES`] nodes or
//! [`MAX_CELLS`] table cells (spans expanded) fails with a clear reason.
//!
//! The tree follows the HTML rules that matter for reading tables and
//! text: implied ends of `td th tr tbody thead tfoot p li dd dt option`,
//! a row implied for cells outside one, void and raw-text elements, head
//! content ending at the first body element. Misnested inline formatting
//! is closed, not re-opened (its text is the same either way).

use crate::error::{Error, Result};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::path::Path;

/// Nodes (elements and text runs) per page: 24 bytes each (and 24 per
/// element), so the DOM stays under ~500 MB plus the text.
pub const MAX_NODES: usize = 10_000_000;
/// Table cells per page with `colspan` × `rowspan` expanded: the grid the
/// reader builds from them must fit the memory budget.
pub const MAX_CELLS: u64 = 5_000_000;
/// Tables nested deeper than this are no disclosure (layout tables nest a
/// few levels); reading each level's cells walks all levels below it.
pub const MAX_TABLE_DEPTH: u32 = 64;
/// Largest span counted (the reader honours no more).
const MAX_SPAN: u64 = 1000;
/// How far down the open elements an end tag looks for its element.
const MAX_SCAN: usize = 512;
/// Input fed to the tokenizer at a time (also the cancellation interval).
const CHUNK: usize = 64 * 1024;
const NONE: u32 = u32::MAX;

/// One parsed page.
#[derive(Debug, Default)]
pub struct Dom {
    nodes: Vec<NodeData>,
    elements: Vec<Element>,
    text: String,
}

/// A node of the arena. The last child, needed only while children are
/// appended, is kept on the builder's stack of open elements instead.
#[derive(Debug, Clone, Copy)]
struct NodeData {
    parent: u32,
    first_child: u32,
    next_sibling: u32,
    /// Element index, or text start (with `len`), or NONE for the document.
    index: u32,
    len: u32,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Element,
    Text,
}

/// An element: its name and attributes.
#[derive(Debug)]
pub struct Element {
    name: LocalName,
    /// Boxed, not a Vec: most elements have none, and a page has millions.
    attrs: Box<[(LocalName, Box<str>)]>,
}

impl Element {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| &**v)
    }
}

/// What a node holds.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Document,
    Element(&'a Element),
    Text(&'a str),
}

impl<'a> Node<'a> {
    pub fn as_element(&self) -> Option<&'a Element> {
        match self {
            Node::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&'a str> {
        match self {
            Node::Text(t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NodeId(u32);

/// Entering or leaving a node in document order.
#[derive(Debug, Clone, Copy)]
pub enum Edge<T> {
    Open(T),
    Close(T),
}

#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: u32,
}

impl<'a> NodeRef<'a> {
    fn data(&self) -> NodeData {
        self.dom.nodes[self.id as usize]
    }

    pub fn id(&self) -> NodeId {
        NodeId(self.id)
    }

    pub fn value(&self) -> Node<'a> {
        let d = self.data();
        match d.kind {
            Kind::Document => Node::Document,
            Kind::Element => Node::Element(&self.dom.elements[d.index as usize]),
            Kind::Text => {
                let (a, b) = (d.index as usize, d.index as usize + d.len as usize);
                Node::Text(self.dom.text.get(a..b).unwrap_or_default())
            }
        }
    }

    fn at(&self, id: u32) -> Option<NodeRef<'a>> {
        (id != NONE).then_some(NodeRef { dom: self.dom, id })
    }

    pub fn parent(&self) -> Option<NodeRef<'a>> {
        self.at(self.data().parent)
    }

    /// Children in order (collected, so they can be walked backwards too).
    pub fn children(&self) -> std::vec::IntoIter<NodeRef<'a>> {
        let mut out = Vec::new();
        let mut next = self.at(self.data().first_child);
        while let Some(n) = next {
            out.push(n);
            next = n.at(n.data().next_sibling);
        }
        out.into_iter()
    }

    /// Child elements in order.
    pub fn child_elements(&self) -> impl Iterator<Item = ElementRef<'a>> {
        self.children().filter_map(ElementRef::wrap)
    }

    /// This node and everything below it, as open and close edges.
    pub fn traverse(&self) -> Traverse<'a> {
        Traverse {
            dom: self.dom,
            root: self.id,
            next: Some(Edge::Open(self.id)),
        }
    }

    /// Every node below this one in document order.
    pub fn descendants(&self) -> impl Iterator<Item = NodeRef<'a>> {
        self.traverse().filter_map(|e| match e {
            Edge::Open(n) => Some(n),
            Edge::Close(_) => None,
        })
    }
}

/// A node known to be an element.
#[derive(Debug, Clone, Copy)]
pub struct ElementRef<'a>(NodeRef<'a>);

impl<'a> ElementRef<'a> {
    pub fn wrap(node: NodeRef<'a>) -> Option<ElementRef<'a>> {
        (node.data().kind == Kind::Element).then_some(ElementRef(node))
    }

    pub fn value(&self) -> &'a Element {
        &self.0.dom.elements[self.0.data().index as usize]
    }

    pub fn descendent_elements(&self) -> impl Iterator<Item = ElementRef<'a>> {
        self.0.descendants().filter_map(ElementRef::wrap)
    }
}

impl<'a> std::ops::Deref for ElementRef<'a> {
    type Target = NodeRef<'a>;
    fn deref(&self) -> &NodeRef<'a> {
        &self.0
    }
}

pub struct Traverse<'a> {
    dom: &'a Dom,
    root: u32,
    next: Option<Edge<u32>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<NodeRef<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let edge = self.next?;
        let node = |id| NodeRef { dom: self.dom, id };
        let data = |id: u32| self.dom.nodes.get(id as usize).copied();
        self.next = match edge {
            Edge::Open(id) => match data(id).map(|d| d.first_child) {
                Some(c) if c != NONE => Some(Edge::Open(c)),
                _ => Some(Edge::Close(id)),
            },
            Edge::Close(id) if id == self.root => None,
            Edge::Close(id) => data(id).and_then(|d| {
                if d.next_sibling != NONE {
                    Some(Edge::Open(d.next_sibling))
                } else {
                    (d.parent != NONE).then_some(Edge::Close(d.parent))
                }
            }),
        };
        Some(match edge {
            Edge::Open(id) => Edge::Open(node(id)),
            Edge::Close(id) => Edge::Close(node(id)),
        })
    }
}

impl Dom {
    /// Parses a whole page; `path` names it in errors.
    pub fn parse(path: &Path, html: &str) -> Result<Dom> {
        let sink = Sink(RefCell::new(Builder::new()));
        let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
        let queue = BufferQueue::default();
        let mut rest = html;
        while !rest.is_empty() {
            let mut cut = rest.len().min(CHUNK);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (chunk, tail) = rest.split_at(cut);
            rest = tail;
            queue.push_back(StrTendril::from_slice(chunk));
            while let html5ever::TokenizerResult::Script(_) = tokenizer.feed(&queue) {}
            crate::cancel::check()?;
            if let Some(e) = tokenizer.sink.0.borrow_mut().error.take() {
                return Err(Error::malformed(path, e));
            }
        }
        tokenizer.end();
        let builder = tokenizer.sink.0.into_inner();
        match builder.error {
            Some(e) => Err(Error::malformed(path, e)),
            None => Ok(builder.dom.compacted()),
        }
    }

    /// Gives back the growth slack of the arena (up to half of it).
    fn compacted(mut self) -> Dom {
        self.nodes.shrink_to_fit();
        self.elements.shrink_to_fit();
        self.text.shrink_to_fit();
        self
    }

    /// The document node.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: 0 }
    }
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        if b.error.is_some() {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start(tag),
                TagKind::EndTag => b.end(&tag.name),
            },
            Token::CharacterTokens(t) => b.text(&t),
            Token::NullCharacterToken => b.text("\u{fffd}"),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Tree construction: the stack of open elements over the arena.
struct Builder {
    dom: Dom,
    /// Open elements, the document at the bottom.
    stack: Vec<Open>,
    /// How many of each element are open: an end tag for none is dropped
    /// at once, so stray end tags cost nothing.
    open: FxHashMap<LocalName, u32>,
    cells: u64,
    error: Option<String>,
}

/// An open element and its last child so far (NONE before the first).
#[derive(Debug, Clone, Copy)]
struct Open {
    id: u32,
    last_child: u32,
}

/// Elements whose start implies the end of an open `<p>`.
const CLOSES_P: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];
const VOID: [&str; 15] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "param", "source", "track",
];
/// What `<head>` may hold; anything else starts the body.
const IN_HEAD: [&str; 10] = [
    "base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template",
    "title",
];
/// An end tag does not look for its element past these (a `</div>` in a
/// cell does not close a `<div>` around the table).
const SCOPE: [&str; 5] = ["table", "td", "th", "caption", "html"];
const SECTIONS: [&str; 3] = ["tbody", "thead", "tfoot"];

impl Builder {
    fn new() -> Self {
        let mut dom = Dom::default();
        dom.nodes.push(NodeData {
            parent: NONE,
            first_child: NONE,
            next_sibling: NONE,
            index: NONE,
            len: 0,
            kind: Kind::Document,
        });
        Builder {
            dom,
            stack: vec![Open {
                id: 0,
                last_child: NONE,
            }],
            open: FxHashMap::default(),
            cells: 0,
            error: None,
        }
    }

    fn top(&self) -> u32 {
        self.stack.last().map_or(0, |o| o.id)
    }

    /// The last child appended to the current element.
    fn top_last_child(&self) -> u32 {
        self.stack.last().map_or(NONE, |o| o.last_child)
    }

    fn name_of(&self, id: u32) -> &str {
        let d = self.dom.nodes[id as usize];
        match d.kind {
            Kind::Element => &self.dom.elements[d.index as usize].name,
            _ => "",
        }
    }

    fn top_name(&self) -> &str {
        self.name_of(self.top())
    }

    fn is_open(&self, name: &str) -> bool {
        self.open
            .get(&LocalName::from(name))
            .is_some_and(|&n| n > 0)
    }

    /// Appends a node under the current element.
    fn append(&mut self, kind: Kind, index: u32, len: u32) -> Option<u32> {
        if self.dom.nodes.len() >= MAX_NODES {
            self.error = Some(format!(
                "HTML page too large: more than {MAX_NODES} elements and text runs"
            ));
            return None;
        }
        let parent = self.top();
        let id = u32::try_from(self.dom.nodes.len()).ok()?;
        self.dom.nodes.push(NodeData {
            parent,
            first_child: NONE,
            next_sibling: NONE,
            index,
            len,
            kind,
        });
        let last = self.top_last_child();
        let before = if last == NONE { parent } else { last };
        if let Some(n) = self.dom.nodes.get_mut(before as usize) {
            if last == NONE {
                n.first_child = id;
            } else {
                n.next_sibling = id;
            }
        }
        if let Some(o) = self.stack.last_mut() {
            o.last_child = id;
        }
        Some(id)
    }

    fn text(&mut self, t: &str) {
        if self.is_open("head") && !t.trim().is_empty() && !self.in_raw_head_element() {
            self.pop_through(&["head"], &[]);
        }
        let Ok(len) = u32::try_from(t.len()) else {
            return;
        };
        let last = self.top_last_child();
        let start = self.dom.text.len();
        // Runs split by the tokenizer (entities, chunks) join into one.
        if let Some(n) = self.dom.nodes.get_mut(last as usize) {
            if n.kind == Kind::Text && (n.index + n.len) as usize == start {
                n.len = n.len.saturating_add(len);
                self.dom.text.push_str(t);
                return;
            }
        }
        let Ok(start) = u32::try_from(start) else {
            self.error = Some("HTML page too large: over 4 GB of text".into());
            return;
        };
        self.dom.text.push_str(t);
        self.append(Kind::Text, start, len);
    }

    fn in_raw_head_element(&self) -> bool {
        matches!(
            self.top_name(),
            "title" | "style" | "script" | "noscript" | "template"
        )
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if matches!(name, "html" | "body" | "head") && self.is_open(name) {
            return TokenSinkResult::Continue;
        }
        if self.is_open("head") && !IN_HEAD.contains(&name) {
            self.pop_through(&["head"], &[]);
        }
        self.close_implied(name);
        if name == "table"
            && self
                .open
                .get(&tag.name)
                .is_some_and(|&n| n >= MAX_TABLE_DEPTH)
        {
            self.error = Some(format!(
                "HTML tables nested more than {MAX_TABLE_DEPTH} deep: not a readable page"
            ));
            return TokenSinkResult::Continue;
        }
        if matches!(name, "td" | "th") {
            self.count_cells(&tag);
            if matches!(self.top_name(), "table" | "tbody" | "thead" | "tfoot") {
                self.push_element(LocalName::from("tr"), Box::default());
            }
        }
        let raw = raw_kind(name);
        let void = VOID.contains(&name) || tag.self_closing && !matches!(name, "td" | "th" | "tr");
        let attrs = tag
            .attrs
            .into_iter()
            .map(|a| (a.name.local, Box::<str>::from(&*a.value)))
            .collect();
        let id = self.push_element(tag.name, attrs);
        if void {
            if id.is_some() {
                self.pop();
            }
            return TokenSinkResult::Continue;
        }
        match raw {
            Some(Raw::Kind(k)) => TokenSinkResult::RawData(k),
            Some(Raw::Plaintext) => TokenSinkResult::Plaintext,
            None => TokenSinkResult::Continue,
        }
    }

    fn push_element(
        &mut self,
        name: LocalName,
        attrs: Box<[(LocalName, Box<str>)]>,
    ) -> Option<u32> {
        let index = u32::try_from(self.dom.elements.len()).ok()?;
        let id = self.append(Kind::Element, index, 0)?;
        *self.open.entry(name.clone()).or_insert(0) += 1;
        self.dom.elements.push(Element { name, attrs });
        self.stack.push(Open {
            id,
            last_child: NONE,
        });
        Some(id)
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(Open { id, .. }) = self.stack.pop() {
            let d = self.dom.nodes[id as usize];
            if d.kind == Kind::Element {
                let name = &self.dom.elements[d.index as usize].name;
                if let Some(n) = self.open.get_mut(name) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }

    /// Pops through the nearest open element named in `targets`, unless an
    /// element named in `bounds` (or MAX_SCAN others) comes first.
    fn pop_through(&mut self, targets: &[&str], bounds: &[&str]) -> bool {
        if !targets.iter().any(|t| self.is_open(t)) {
            return false;
        }
        let mut depth = None;
        for (i, open) in self.stack.iter().enumerate().rev().take(MAX_SCAN) {
            let name = self.name_of(open.id);
            if targets.contains(&name) {
                depth = Some(i);
                break;
            }
            if bounds.contains(&name) {
                break;
            }
        }
        let Some(depth) = depth else {
            return false;
        };
        while self.stack.len() > depth.max(1) {
            self.pop();
        }
        true
    }

    /// Ends that a start tag implies (HTML's "in scope" rules, simplified).
    fn close_implied(&mut self, name: &str) {
        match name {
            "td" | "th" => {
                self.pop_through(&["td", "th"], &["tr", "table"]);
            }
            "tr" => {
                self.pop_through(&["td", "th"], &["tr", "table"]);
                self.pop_through(&["tr"], &["table", "tbody", "thead", "tfoot"]);
            }
            "tbody" | "thead" | "tfoot" => {
                self.pop_through(&["td", "th"], &["tr", "table"]);
                self.pop_through(&["tr"], &["table", "tbody", "thead", "tfoot"]);
                self.pop_through(&SECTIONS, &["table"]);
            }
            "li" => {
                self.pop_through(&["li"], &["ul", "ol", "table", "td", "th"]);
            }
            "dd" | "dt" => {
                self.pop_through(&["dd", "dt"], &["dl", "table", "td", "th"]);
            }
            "option" => {
                self.pop_through(&["option"], &["select", "table"]);
            }
            _ => {}
        }
        if CLOSES_P.contains(&name) || name == "li" || name == "dd" || name == "dt" {
            self.pop_through(&["p"], &["table", "td", "th", "button", "caption"]);
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            && matches!(self.top_name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        {
            self.pop();
        }
    }

    fn end(&mut self, name: &LocalName) {
        let name: &str = name;
        match name {
            "html" | "body" | "br" => {}
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" => {
                self.pop_through(&[name], &["table"]);
            }
            "table" => {
                self.pop_through(&["table"], &[]);
            }
            _ => {
                self.pop_through(&[name], &SCOPE);
            }
        }
    }

    /// Counts the cells a `<td>` expands to in the grid; past MAX_CELLS the
    /// page fails rather than the process running out of memory.
    fn count_cells(&mut self, tag: &Tag) {
        let span = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .and_then(|a| a.value.trim().parse::<u64>().ok())
                .map_or(1, |n| n.clamp(1, MAX_SPAN))
        };
        self.cells = self.cells.saturating_add(span("colspan") * span("rowspan"));
        if self.cells > MAX_CELLS {
            self.error = Some(format!(
                "HTML tables too large: their cells (colspan and rowspan expanded) exceed {MAX_CELLS}"
            ));
        }
    }
}

enum Raw {
    Kind(RawKind),
    Plaintext,
}

/// Elements whose content is not markup.
fn raw_kind(name: &str) -> Option<Raw> {
    match name {
        "title" | "textarea" => Some(Raw::Kind(RawKind::Rcdata)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(Raw::Kind(RawKind::Rawtext))
        }
        "script" => Some(Raw::Kind(RawKind::ScriptData)),
        "plaintext" => Some(Raw::Plaintext),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Dom {
        match Dom::parse(Path::new("t.html"), html) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    /// The tree as `name(children)` with text in quotes.
    fn shape(n: NodeRef) -> String {
        let inner: Vec<String> = n.children().map(shape).collect();
        match n.value() {
            Node::Text(t) => format!("{t:?}"),
            Node::Element(e) => format!("{}({})", e.name(), inner.join(" ")),
            Node::Document => inner.join(" "),
        }
    }

    #[test]
    fn implied_ends_build_the_table_rows() {
        let d = parse("<table><tr><td>a<td>b<tr><th>c</table><p>x<p>y");
        assert_eq!(
            shape(d.root()),
            r#"table(tr(td("a") td("b")) tr(th("c"))) p("x") p("y")"#
        );
    }

    #[test]
    fn cells_outside_a_row_get_one_and_sections_close_each_other() {
        let d = parse("<table><thead><td>h</td><tbody><tr><td>1</td></table>");
        assert_eq!(
            shape(d.root()),
            r#"table(thead(tr(td("h"))) tbody(tr(td("1"))))"#
        );
    }

    #[test]
    fn raw_text_void_elements_head_and_entities() {
        let d = parse(
            "<html><head><meta charset=utf-8><title>a<b></title><style>td{x}</style>\
             <table><tr><td>x&amp;y<br>z</td></tr></table><script>if(a<b){}</script>",
        );
        assert_eq!(
            shape(d.root()),
            r#"html(head(meta() title("a<b>") style("td{x}")) table(tr(td("x&y" br() "z"))) script("if(a<b){}"))"#
        );
    }

    #[test]
    fn stray_and_misnested_end_tags() {
        let d = parse("<div><b>1<i>2</b>3</i></span></div>4");
        assert_eq!(shape(d.root()), r#"div(b("1" i("2")) "3") "4""#);
        // A </div> inside a cell does not close the div around the table.
        let d = parse("<div><table><tr><td>a</div>b</td></tr></table>c</div>");
        assert_eq!(shape(d.root()), r#"div(table(tr(td("ab"))) "c")"#);
    }

    /// A page has ~12 nodes and 6 elements per table row: their size is
    /// most of the DOM (it was 28 and 32 bytes).
    #[test]
    fn nodes_and_elements_are_24_bytes() {
        assert_eq!(std::mem::size_of::<NodeData>(), 24);
        assert_eq!(std::mem::size_of::<Element>(), 24);
    }

    #[test]
    fn deep_nesting_is_linear() {
        let n = 100_000;
        let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let t = std::time::Instant::now();
        let d = parse(&html);
        // The document, n divs and the text.
        assert_eq!(d.root().descendants().count(), n + 2);
        // Stray end tags after deep nesting cost nothing either.
        let html = format!("{}{}", "<span>".repeat(n), "</div>".repeat(n));
        assert_eq!(parse(&html).root().descendants().count(), n + 1);
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    #[test]
    fn too_many_expanded_cells_is_a_clear_error() {
        let row = "<tr><td colspan=1000 rowspan=1000>x</td></tr>";
        let html = format!("<table>{}</table>", row.repeat(6));
        let e = Dom::parse(Path::new("bomb.html"), &html)
            .map(|_| ())
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("bomb.html: HTML tables too large"), "{msg}");
    }

    #[test]
    fn tables_nested_too_deep_are_a_clear_error() {
        let html = "<table><tr><td>".repeat(MAX_TABLE_DEPTH as usize + 1);
        let e = Dom::parse(Path::new("deep.html"), &html)
            .map(|_| ())
            .unwrap_err();
        assert!(e.to_string().contains("nested more than 64 deep"), "{e}");
        let ok = "<table><tr><td>".repeat(MAX_TABLE_DEPTH as usize);
        assert!(Dom::parse(Path::new("ok.html"), &ok).is_ok());
    }

    #[test]
    fn attributes_and_traversal_order() {
        let d = parse(r#"<table><tr><td colspan="2" style="x">a</td></tr></table>"#);
        let td = d
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "td");
        let td = td.map(|t| (t.value().attr("colspan"), t.value().attr("rowspan")));
        assert_eq!(td, Some((Some("2"), None)));
        let edges: Vec<String> = d
            .root()
            .traverse()
            .map(|e| match e {
                Edge::Open(n) => format!("+{}", name(n)),
                Edge::Close(n) => format!("-{}", name(n)),
            })
            .collect();
        assert_eq!(
            edges.join(" "),
            "+ +table +tr +td +#text -#text -td -tr -table -"
        );
    }

    fn name(n: NodeRef) -> String {
        match n.value() {
            Node::Element(e) => e.name().to_string(),
            Node::Text(_) => "#text".into(),
            Node::Document => String::new(),
        }
    }
}
