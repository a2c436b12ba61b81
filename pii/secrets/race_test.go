//go:build race

package secrets

// raceEnabled trims the slowest exhaustive tests, which the race detector
// makes ten times slower without finding more.
const raceEnabled = true
