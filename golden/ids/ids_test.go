package ids

import (
	"reflect"
	"testing"
)

func TestAssign(t *testing.T) {
	olds := map[string]Old{
		"P-1": {CreatedRun: 1}, "P-2": {CreatedRun: 1}, "P-3": {CreatedRun: 2}, "P-10": {CreatedRun: 1},
	}
	tests := []struct {
		name     string
		clusters []Cluster
		gone     map[string]int
		want     map[int64]string
		retired  []Retirement
	}{
		{
			name:     "unchanged",
			clusters: []Cluster{{Key: 1, RIDs: []int64{1, 2}, OldIDs: []string{"P-1", "P-1"}}},
			want:     map[int64]string{1: "P-1"},
		},
		{
			name:     "new cluster",
			clusters: []Cluster{{Key: 5, RIDs: []int64{5}, OldIDs: []string{""}}},
			want:     map[int64]string{5: ""},
		},
		{
			name:     "merge: the oldest id survives even with fewer records",
			clusters: []Cluster{{Key: 1, RIDs: []int64{1, 2, 3, 4}, OldIDs: []string{"P-3", "P-2", "P-3", "P-3"}}},
			want:     map[int64]string{1: "P-2"},
			retired:  []Retirement{{ID: "P-3", RedirectTo: 1}},
		},
		{
			name:     "age by run, then by number, not by text",
			clusters: []Cluster{{Key: 1, RIDs: []int64{1, 2}, OldIDs: []string{"P-10", "P-2"}}},
			want:     map[int64]string{1: "P-2"},
			retired:  []Retirement{{ID: "P-10", RedirectTo: 1}},
		},
		{
			name: "split: the larger part keeps the id",
			clusters: []Cluster{
				{Key: 1, RIDs: []int64{1}, OldIDs: []string{"P-1"}},
				{Key: 2, RIDs: []int64{2, 3}, OldIDs: []string{"P-1", "P-1"}},
			},
			want: map[int64]string{1: "", 2: "P-1"},
		},
		{
			name: "split tie: the part with the oldest record keeps the id",
			clusters: []Cluster{
				{Key: 2, RIDs: []int64{2}, OldIDs: []string{"P-1"}},
				{Key: 1, RIDs: []int64{1}, OldIDs: []string{"P-1"}},
			},
			want: map[int64]string{1: "P-1", 2: ""},
		},
		{
			name: "split and merge: a part taken by an older id falls back to the next part",
			clusters: []Cluster{
				{Key: 1, RIDs: []int64{1, 2, 3}, OldIDs: []string{"P-1", "P-1", "P-3"}},
				{Key: 4, RIDs: []int64{4}, OldIDs: []string{"P-3"}},
			},
			want: map[int64]string{1: "P-1", 4: "P-3"},
		},
		{
			name: "every part taken: retire towards most records",
			clusters: []Cluster{
				{Key: 1, RIDs: []int64{1, 3}, OldIDs: []string{"P-1", "P-3"}},
				{Key: 2, RIDs: []int64{2, 4, 5}, OldIDs: []string{"P-2", "P-3", "P-3"}},
			},
			want:    map[int64]string{1: "P-1", 2: "P-2"},
			retired: []Retirement{{ID: "P-3", RedirectTo: 2}},
		},
		{
			name:     "all members deleted",
			clusters: nil,
			gone:     map[string]int{"P-2": 2},
			want:     map[int64]string{},
			retired:  []Retirement{{ID: "P-2", Deleted: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Assign(tt.clusters, olds, tt.gone)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.IDs, tt.want) {
				t.Errorf("ids = %v, want %v", res.IDs, tt.want)
			}
			if !reflect.DeepEqual(res.Retired, tt.retired) {
				t.Errorf("retired = %+v, want %+v", res.Retired, tt.retired)
			}
		})
	}
	if _, err := Assign([]Cluster{{Key: 1, RIDs: []int64{1}, OldIDs: []string{"P-99"}}}, olds, nil); err == nil {
		t.Error("an unknown old id was accepted")
	}
}
