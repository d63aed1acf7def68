//! Heap bytes held by each part of the per-article facts under a counting allocator:
//! `cargo run --release --example facts_size -- 2000` (synthetic articles), or
//! `-- DIR` (every `.txt` and `.md` file under DIR, e.g. another generator's corpus). Two measures: `clone` (bytes a
//! clone of the part allocates: exact lengths, shared strings counted per holder) and
//! `held` (bytes freed when the part is dropped: what the process really keeps, capacity
//! slack included, a string shared by several mentions counted once).

#[path = "../benches/support/corpus_dir.rs"]
mod corpus_dir;
#[path = "../benches/support/synth.rs"]
mod synth;

use corroborate::article::ArticleContext;
use corroborate::config::Config;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
}

#[global_allocator]
static A: Counting = Counting;

fn held<T: Clone>(x: &T) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    let c = x.clone();
    let after = LIVE.load(Ordering::Relaxed);
    drop(c);
    after - before
}

/// Heap bytes freed by dropping `x`: what the part really holds, Vec slack and strings
/// shared inside it (`Arc<str>`) counted once, which a clone would not show.
fn freed<T>(x: T) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    drop(x);
    before - LIVE.load(Ordering::Relaxed)
}

fn main() {
    let arg = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "2000".to_string());
    let config = Config::default();
    let articles = match arg.parse::<usize>() {
        Ok(n) => synth::Corpus::collect(n, 42)
            .into_iter()
            .map(|a| a.text)
            .collect(),
        Err(_) => texts_under(std::path::Path::new(&arg)),
    };
    let mut sizes = [0usize; 9];
    let names = [
        "text",
        "meta",
        "problems",
        "body",
        "sentences",
        "people",
        "figures",
        "quotes",
        "ignores",
    ];
    let mut dropped = [0usize; 9];
    let mut counts = [0usize; 4];
    for text in articles {
        let f = corroborate::article::analyze(&text, &ArticleContext::default(), &config);
        sizes[0] += text.len();
        sizes[1] += held(&f.meta);
        sizes[2] += held(&f.problems);
        sizes[3] += held(&f.body);
        sizes[4] += held(&f.sentences);
        sizes[5] += held(&f.people);
        sizes[6] += held(&f.figures);
        sizes[7] += held(&f.quotes);
        sizes[8] += held(&f.ignores);
        counts[0] += f.people.len();
        counts[1] += f.figures.len();
        counts[2] += f.quotes.len();
        counts[3] += f.sentences.len();
        let mut f = f;
        dropped[0] += text.len();
        dropped[1] += freed(std::mem::take(&mut f.meta));
        dropped[2] += freed(std::mem::take(&mut f.problems));
        dropped[3] += freed(std::mem::take(&mut f.body));
        dropped[4] += freed(std::mem::take(&mut f.sentences));
        dropped[5] += freed(std::mem::take(&mut f.people));
        dropped[6] += freed(std::mem::take(&mut f.figures));
        dropped[7] += freed(std::mem::take(&mut f.quotes));
        dropped[8] += freed(std::mem::take(&mut f.ignores));
    }
    println!("{:10} {:>11} {:>11}", "part", "clone", "held");
    for ((n, s), d) in names.iter().zip(sizes).zip(dropped) {
        println!("{n:10} {:8.2} MB {:8.2} MB", s as f64 / 1e6, d as f64 / 1e6);
    }
    println!(
        "{:10} {:8.2} MB {:8.2} MB (without text)",
        "total",
        sizes[1..].iter().sum::<usize>() as f64 / 1e6,
        dropped[1..].iter().sum::<usize>() as f64 / 1e6
    );
    println!(
        "people {} figures {} quotes {} sentences {}",
        counts[0], counts[1], counts[2], counts[3]
    );
}

/// The text of every `.txt` and `.md` file under `dir`, in path order.
fn texts_under(dir: &std::path::Path) -> Vec<String> {
    corpus_dir::articles_under(dir)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}
