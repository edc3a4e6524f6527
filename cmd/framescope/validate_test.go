package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const testGold = `{"id":"g1","lang":"en","text":"Baidu still trails OpenAI.","gold":[{"actor":"baidu","frame":"catching-up"},{"actor":"openai","frame":"leader"}]}
{"id":"g2","text":"DeepSeek超越了OpenAI。","gold":[{"actor":"deepseek","frame":"catching-up"},{"actor":"openai","frame":"leader"}]}
{"id":"g3","text":"x","gold":[{"actor":"nobody","frame":"leader"}]}
`

func TestValidateCommand(t *testing.T) {
	code, out, errOut := runIO(t, testGold, "validate", "--gold", "-")
	if code != exitPartial || !strings.Contains(errOut, "-:3:") || !strings.Contains(errOut, `"nobody"`) {
		t.Errorf("exit %d, stderr %q; want %d and the bad line 3 named", code, errOut, exitPartial)
	}
	for _, want := range []string{"Actor level", "Country level", "macro-F1", "direction errors 2",
		"Cohen's kappa", "Krippendorff's alpha", "confusion (rows gold, columns machine)", "g2 deepseek: gold catching-up, machine leader"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runIO(t, testGold, "validate", "--gold", "-", "--format", "json")
	if code != exitPartial {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var rep struct {
		Articles int `json:"articles"`
		Actor    struct {
			Units           int     `json:"units"`
			DirectionErrors int     `json:"direction_errors"`
			Alpha           float64 `json:"krippendorff_alpha"`
			Frames          []struct {
				Frame string `json:"frame"`
				TP    int    `json:"tp"`
			} `json:"frames"`
		} `json:"actor_level"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json report: %v\n%s", err, out)
	}
	if rep.Articles != 2 || rep.Actor.Units != 4 || rep.Actor.DirectionErrors != 2 || len(rep.Actor.Frames) != 4 {
		t.Errorf("json report = %+v", rep)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"validate"}, "--gold FILE is required"},
		{[]string{"validate", "--gold", "-", "--format", "xml"}, "--format must be text or json"},
	} {
		if code, _, errOut := runIO(t, "", tt.args...); code != exitUsage || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q", tt.args, code, errOut)
		}
	}
}
