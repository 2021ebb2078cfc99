package connectors

import (
	"hash/maphash"
	"math/bits"
)

// idFilter is a Bloom filter over the source ids staged so far. It answers
// "maybe seen" or "certainly not seen", in fixed memory whatever the size of
// the extract, so that only the rows it flags need the exact (SQL) check
// for a duplicate source id. It is blocked: all of an id's bits lie in one
// 512-bit block (one cache line), so a lookup costs one memory access.
type idFilter struct {
	seed   maphash.Seed
	blocks [][8]uint64
}

// idFilterBlocks is the filter's size: 2^19 blocks of 512 bits (32 MiB;
// Go only touches the pages that ids land in, so a small extract uses
// little of it). It flags about one new id in ten million as maybe seen
// after four million ids, and one in fifty thousand after ten million. A
// false "maybe" costs time, never correctness: a chunk with one has its
// ids checked exactly against every id staged before (a scan of
// ingest_ids, which grows with the extract). With the 8 MiB it had, every
// chunk past about three million rows had some, and a 4,000,000-row
// ingest spent 15 s of its 48 s in those scans.
const (
	idFilterBlocks = 1 << 19
	idFilterHashes = 8
)

func newIDFilter() *idFilter {
	return &idFilter{seed: maphash.MakeSeed(), blocks: make([][8]uint64, idFilterBlocks)}
}

// add records id and reports whether it may have been added before.
func (f *idFilter) add(id string) (maybeSeen bool) {
	h := maphash.String(f.seed, id)
	blk := &f.blocks[h%idFilterBlocks]
	// The bit positions come from a second mix of the hash, 9 bits each.
	g := bits.RotateLeft64(h*0x9e3779b97f4a7c15, 31) ^ h
	g2 := g * 0xbf58476d1ce4e5b9
	maybeSeen = true
	for i := 0; i < idFilterHashes; i++ {
		var pos uint64
		if i < 7 {
			pos = (g >> (9 * i)) & 511
		} else {
			pos = g2 >> 55
		}
		w, bit := pos/64, uint64(1)<<(pos%64)
		if blk[w]&bit == 0 {
			maybeSeen = false
			blk[w] |= bit
		}
	}
	return maybeSeen
}
