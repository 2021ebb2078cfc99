package record

import "time"

// RelType is the type of a relationship between two records.
type RelType string

// Relationship types that golden understands. Sources may send others; they
// are kept as given.
const (
	ParentOf   RelType = "parent_of"   // person → person
	PartnerOf  RelType = "partner_of"  // person → person
	CarerOf    RelType = "carer_of"    // person → person
	SiblingOf  RelType = "sibling_of"  // person → person
	LivesAt    RelType = "lives_at"    // person → property
	Occupies   RelType = "occupies"    // business → property
	DirectorOf RelType = "director_of" // person → business
)

// Relationship is an edge between two source records, as a source stated it.
type Relationship struct {
	From      Key
	To        Key
	Type      RelType
	Source    string // the source that stated it
	ValidFrom time.Time
	ValidTo   time.Time // zero while current
}
