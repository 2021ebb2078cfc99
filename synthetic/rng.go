package synthetic

import "math/rand/v2"

// rng is a seeded PCG generator with the helpers the generator uses. Each
// stage keeps its own and reseeds it per household (or business) from the
// city seed, so that what one system draws never shifts what another draws
// and the output is the same for a seed whatever is added later.
type rng struct {
	src *rand.PCG
	*rand.Rand
}

func newRNG() *rng {
	src := rand.NewPCG(0, 0)
	return &rng{src: src, Rand: rand.New(src)}
}

// reseed positions r at the stream for (seed, salt, id).
func (r *rng) reseed(seed uint64, salt uint64, id int) {
	r.src.Seed(mix(seed^salt*0x9E3779B97F4A7C15), mix(uint64(id)+salt))
}

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

func (r *rng) pick(s []string) string { return s[r.IntN(len(s))] }
