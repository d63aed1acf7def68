//! Union-find over `0..n` with deterministic roots (the smaller index), shared by the
//! claims (variant groups) and the stories (components of strong links).

pub(crate) struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }
    pub(crate) fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            let p = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = p;
            x = p;
        }
        x as usize
    }
    /// [`UnionFind::find`] without shortening paths, so threads can share it.
    pub(crate) fn find_frozen(&self, x: usize) -> usize {
        let mut x = x;
        while let Some(&p) = self.parent.get(x).filter(|&&p| p as usize != x) {
            x = p as usize;
        }
        x
    }
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the smaller index is the root: deterministic
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo as u32;
        }
    }
}
