package report_test

import (
	"fmt"

	"github.com/framescope/framescope/index"
	"github.com/framescope/framescope/report"
)

// Is the frame an outlet uses for an actor independent of the outlet's
// language? Rows are languages, columns leader, catching-up, race, threat.
func ExampleChiSquareTest() {
	res, ok := report.ChiSquareTest([][]int{
		{20, 15, 25, 0}, // zh
		{30, 35, 15, 0}, // en; no threat framing: the column is dropped
	})
	fmt.Println(ok)
	fmt.Printf("chi2 %.3f, df %d, p %.4f, Cramér's V %.3f\n", res.Stat, res.DF, res.P, res.CramersV)
	// Output:
	// true
	// chi2 9.844, df 2, p 0.0073, Cramér's V 0.265
}

// Did the catching-up share change after an event? 45 of 100 articles
// after against 30 of 100 before.
func ExampleTwoProportionZ() {
	z, p, _ := report.TwoProportionZ(45, 100, 30, 100)
	lo, hi := index.Wilson(45, 100)
	fmt.Printf("after 45%% (95%% CI %.1f%%–%.1f%%), z %.3f, p %.4f\n", 100*lo, 100*hi, z, p)
	// Output:
	// after 45% (95% CI 35.6%–54.8%), z 2.191, p 0.0285
}
