package corpus

import "time"

// Event is a dated event, such as a product launch, that trend charts mark
// and reports compare before and after.
type Event struct {
	Date  time.Time `json:"date"`
	Label string    `json:"label"`
	// Actor is the actor the event is about (the launching company), used
	// for the launch coverage of reports; empty when none.
	Actor string `json:"actor,omitempty"`
}
