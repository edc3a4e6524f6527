package main

import (
	"encoding/json"
	"flag"
	"io"
	"strings"
)

// Output formats of the commands that print data: --format table (for
// people, the default), json, and csv where the data is a table.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatCSV   = "csv"
)

// addFormatFlag defines --format on fs, taking the formats given (the
// first is the default).
func addFormatFlag(fs *flag.FlagSet, formats ...string) *string {
	return fs.String("format", formats[0], "output `format`: "+orList(formats))
}

// checkFormat returns a usage error unless f is one of formats.
func checkFormat(f string, formats ...string) error {
	for _, x := range formats {
		if f == x {
			return nil
		}
	}
	return usageError("--format %q: want %s", f, orList(formats))
}

// jsonAlias makes --json, which scripts written for earlier versions use,
// the same as --format json; with another --format it is a usage error.
func jsonAlias(fs *flag.FlagSet, format *string, asJSON bool) error {
	if !asJSON {
		return nil
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "format" })
	if explicit && *format != formatJSON {
		return usageError("--json and --format %s exclude each other", *format)
	}
	*format = formatJSON
	return nil
}

// orList writes "a", "a or b", "a, b or c".
func orList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// writeJSON writes v as indented JSON, as every --format json does.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
