package cli

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// RowProgress returns a progress function for an ingest
// (connectors.IngestOptions.Progress): on ErrOut, when it is a terminal, a
// spinner per source with the rows read so far, the rate and the time
// taken, cleared when the source is done so that the summary follows. It
// returns nil when ErrOut is not a terminal.
func (s *IOStreams) RowProgress() func(source string, rows int64, done bool) {
	if !s.ErrIsTerminal {
		return nil
	}
	var bar *progressbar.ProgressBar
	var current string
	return func(source string, rows int64, done bool) {
		if bar == nil || source != current {
			if bar != nil {
				bar.Finish()
			}
			current = source
			bar = progressbar.NewOptions64(-1,
				progressbar.OptionSetWriter(s.ErrOut),
				progressbar.OptionSetDescription(source),
				progressbar.OptionShowCount(),
				progressbar.OptionShowTotalBytes(false),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("rows"),
				progressbar.OptionSetElapsedTime(true),
				progressbar.OptionSpinnerType(14),
				progressbar.OptionThrottle(200*time.Millisecond),
				progressbar.OptionClearOnFinish())
		}
		bar.Set64(rows)
		if done {
			bar.Finish()
			bar = nil
		}
	}
}
