package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// save writes the chart as dir/Name.svg and dir/Name.png.
func (c *Chart) save(dir string) error {
	for _, ext := range []string{"svg", "png"} {
		name := filepath.Join(dir, c.Name+"."+ext)
		if err := c.saveAs(name, ext); err != nil {
			return fmt.Errorf("report: save chart %s: %w", name, err)
		}
	}
	return nil
}

// saveAs writes the chart in format (svg or png) to file name.
func (c *Chart) saveAs(name, format string) (err error) {
	cv, err := draw.NewFormattedCanvas(chartWidth, chartHeight, format)
	if err != nil {
		return err
	}
	dc := draw.New(cv)
	body := dc
	body.Min.Y += vg.Points(legendHeight)
	c.plot.Draw(body)
	c.drawLegend(dc)
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if format != "svg" {
		_, err = cv.WriteTo(f)
		return err
	}
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return err
	}
	_, err = svgFonts.WriteString(f, buf.String())
	return err
}

// drawLegend draws the legend in one row along the bottom of dc.
func (c *Chart) drawLegend(dc draw.Canvas) {
	sty := c.plot.Legend.TextStyle
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	y := dc.Min.Y + vg.Points(legendHeight)/2
	x := dc.Min.X + vg.Points(60)
	thumbW, thumbH := vg.Points(24), vg.Points(10)
	for _, it := range c.legend {
		tc := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - thumbH/2}, Max: vg.Point{X: x + thumbW, Y: y + thumbH/2}}}
		for _, t := range it.thumbs {
			t.Thumbnail(&tc)
		}
		dc.FillText(sty, vg.Point{X: x + thumbW + vg.Points(6), Y: y}, it.name)
		x += thumbW + vg.Points(6) + sty.Width(it.name) + vg.Points(24)
	}
}
