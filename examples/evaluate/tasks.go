package main

import (
	"github.com/textnlp/textguard/guard"
	"github.com/textnlp/textguard/injection"
	"github.com/textnlp/textguard/pii"
	"github.com/textnlp/textguard/pii/secrets"
)

// A task is what evaluate measures: a scanner built with the library's
// default configuration, exactly as a host would get it, and how to turn
// its findings into a prediction.
type task struct {
	scanner guard.Scanner
	// spans is false for a classification task, which predicts whether a
	// text is flagged. A span task also predicts where, and under which
	// corpus type.
	spans bool
	// types maps finding categories to the corpus' type names (the
	// corpora README lists them) for a span task. A category missing from
	// the map keeps its own name; one mapped to "" is not reported.
	types map[string]string
	// source is where the texts are taken to come from: the user (the
	// zero value) unless the task says they are retrieved documents.
	source guard.Source
}

// classify makes a classification task: a text is flagged when s finds
// anything, and its score is that of the strongest finding.
func classify(s guard.Scanner) task { return task{scanner: s} }

// spanTask makes a span task: each finding of s is a predicted span whose
// type is its category mapped through types.
func spanTask(s guard.Scanner, types map[string]string) task {
	return task{scanner: s, spans: true, types: types}
}

// typeOf returns the corpus type for a finding category, or "" to drop it.
func (t task) typeOf(category string) string {
	if c, ok := t.types[category]; ok {
		return c
	}
	return category
}

// tasks returns the registered tasks by name, each as a constructor so that
// only the task asked for is built. Adding a task is one entry here, e.g.
//
//	"pii": func() (task, error) {
//		d, err := pii.New()
//		return spanTask(d, map[string]string{"EMAIL_ADDRESS": "EMAIL"}), err
//	},
func tasks() map[string]func() (task, error) {
	return map[string]func() (task, error){
		"invisible": func() (task, error) { return classify(guard.NewInvisible()), nil },
		"injection": func() (task, error) {
			d, err := injection.New()
			return classify(d), err
		},
		// The same detector on texts a host passes as retrieved documents,
		// as a RAG application does with web pages and e-mails.
		"injection-document": func() (task, error) {
			d, err := injection.New()
			t := classify(d)
			t.source = guard.SourceDocument
			return t, err
		},
		// Names and places are opt-in in the pii package (they load the
		// gazetteers); the task measures the detector with them, as a host
		// that wants them gets it.
		"pii": func() (task, error) {
			d, err := pii.New(pii.Names())
			return spanTask(d, nil), err
		},
		"secrets": func() (task, error) {
			d, err := secrets.New()
			return classify(d), err
		},
	}
}
