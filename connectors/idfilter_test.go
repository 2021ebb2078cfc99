package connectors

import (
	"strconv"
	"testing"
)

func TestIDFilterNeverMissesASeenID(t *testing.T) {
	f := newIDFilter()
	const n = 200_000
	falsePositives := 0
	for i := 0; i < n; i++ {
		if f.add("CT" + strconv.Itoa(i)) {
			falsePositives++
		}
	}
	for i := 0; i < n; i += 97 {
		if !f.add("CT" + strconv.Itoa(i)) {
			t.Fatalf("id %d was added but the filter says it was not", i)
		}
	}
	// 200k ids in 2^26 bits with 4 hashes: expected rate about 1e-5.
	if falsePositives > n/1000 {
		t.Errorf("%d false positives in %d new ids: the filter is too small or its hashes collide", falsePositives, n)
	}
}
