package guard

import (
	"errors"
	"fmt"
)

// Errors callers branch on with [errors.Is]. None of them carries inspected
// text: only sizes, offsets, indices and stage names.
var (
	// ErrInputTooLarge reports text over the guard's size limit; the error
	// is a [*LimitError].
	ErrInputTooLarge = errors.New("guard: input too large")
	// ErrInvalidUTF8 reports text that is not valid UTF-8; the error is an
	// [*EncodingError].
	ErrInvalidUTF8 = errors.New("guard: invalid UTF-8")
	// ErrBlocked is returned by [Writer] and the stream iterators when the
	// output stages block a reply part-way through.
	ErrBlocked = errors.New("guard: blocked")
	// ErrNoModel reports a call without a model function.
	ErrNoModel = errors.New("guard: no model function")
)

// LimitError reports text larger than a configured limit.
type LimitError struct {
	Part  int // message index, or -1 for a reply
	Size  int // bytes seen
	Limit int // bytes allowed
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("guard: part %d is %d bytes, limit %d", e.Part, e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrInputTooLarge) true.
func (e *LimitError) Is(target error) bool { return target == ErrInputTooLarge }

// EncodingError reports text that is not valid UTF-8.
type EncodingError struct {
	Part   int // message index, or -1 for a reply
	Offset int // byte offset of the first invalid byte
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("guard: part %d: invalid UTF-8 at byte %d", e.Part, e.Offset)
}

// Is makes errors.Is(err, ErrInvalidUTF8) true.
func (e *EncodingError) Is(target error) bool { return target == ErrInvalidUTF8 }

// StageError wraps the error of one stage so that a caller sees which stage
// failed. Whether a failed stage blocks is the guard's fail mode
// ([FailOpen]).
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return fmt.Sprintf("guard: stage %q: %v", e.Stage, e.Err) }

// Unwrap returns the stage's own error.
func (e *StageError) Unwrap() error { return e.Err }
