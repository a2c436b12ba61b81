package guard

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
)

// DefaultMaxBytes is the default limit on the size of one message or reply.
const DefaultMaxBytes = 1 << 20

// An Option configures a [Guard]. Options that can be given a bad value
// return an error, which [New] returns.
type Option func(*config) error

type config struct {
	input, output []Stage
	failOpen      bool
	maxBytes      int
	logger        *slog.Logger
	observers     []func(context.Context, Event)
	parallel      bool
	restore       bool
	hashKey       []byte
}

// InputStages appends stages that every request passes through before the
// model sees it. Stages run in the order given unless [Parallel] is set;
// either way the result is the same.
func InputStages(stages ...Stage) Option {
	return func(c *config) error {
		c.input = append(c.input, stages...)
		return nil
	}
}

// OutputStages appends stages that every reply passes through before the
// host sees it.
func OutputStages(stages ...Stage) Option {
	return func(c *config) error {
		c.output = append(c.output, stages...)
		return nil
	}
}

// FailOpen makes a stage that returns an error count as allowing. The
// default is fail-closed: a stage that cannot do its job blocks, because a
// guard that lets text through whenever a detector breaks protects nothing
// against an attacker who can make it break. Either way the error is
// returned.
func FailOpen() Option {
	return func(c *config) error {
		c.failOpen = true
		return nil
	}
}

// MaxBytes sets the largest message or reply, in bytes, that the guard
// accepts; larger text is an [ErrInputTooLarge] error. The default is
// [DefaultMaxBytes]. Bounding input bounds the work every stage does.
func MaxBytes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("guard: max bytes must be positive, got %d", n)
		}
		c.maxBytes = n
		return nil
	}
}

// Logger makes the guard log one Debug record per decision and one Warn
// record per stage error, with rule ids, categories, offsets and hashes but
// never text. Nil, the default, means silence.
func Logger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// Observe adds a function that receives every [Event]. It is called
// synchronously on the goroutine of the call, so it must be quick and safe
// for concurrent use.
func Observe(fn func(context.Context, Event)) Option {
	return func(c *config) error {
		if fn == nil {
			return fmt.Errorf("guard: nil observer")
		}
		c.observers = append(c.observers, fn)
		return nil
	}
}

// Parallel runs the stages of one step on separate goroutines. It pays for
// itself when stages are slow (a model-backed classifier); for the
// microsecond stages of this module it usually does not. The result does
// not depend on scheduling.
func Parallel() Option {
	return func(c *config) error {
		c.parallel = true
		return nil
	}
}

// RestorePseudonyms gives each call a [Vault]: sanitizers that pseudonymise
// record what they replaced, and the guard puts the originals back into the
// model's reply, so the user sees real values that the model never saw.
func RestorePseudonyms() Option {
	return func(c *config) error {
		c.restore = true
		return nil
	}
}

// HashKey sets the key of the keyed hash that events carry for each
// finding's text, so that hosts can correlate repeated values across
// processes without logging them. Without it each guard draws a random key,
// and hashes correlate only within one guard. The key must be at least 16
// bytes: a short key would let anyone with the log brute-force short values
// such as card numbers.
func HashKey(key []byte) Option {
	return func(c *config) error {
		if len(key) < 16 {
			return fmt.Errorf("guard: hash key must be at least 16 bytes, got %d", len(key))
		}
		c.hashKey = append([]byte(nil), key...)
		return nil
	}
}

func newConfig(opts []Option) (*config, error) {
	c := &config{maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.hashKey == nil {
		c.hashKey = make([]byte, 32)
		rand.Read(c.hashKey)
	}
	return c, nil
}
