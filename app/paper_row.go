package app

import (
	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// paperRow is one factor's row of the decision on paper.
type paperRow struct {
	app.Compo

	Iname   string // the factor's name, or its placeholder
	Ifactor essay.Criterion
}

func newPaperRow() *paperRow { return &paperRow{} }

// Factor sets the row's factor, shown as name.
func (r *paperRow) Factor(name string, c essay.Criterion) *paperRow {
	r.Iname, r.Ifactor = name, c
	return r
}

func (r *paperRow) Render() app.UI {
	c := r.Ifactor
	cells := []app.UI{app.Th().Scope("row").Text(r.Iname), app.Td().Class("num").Text(itoa(c.Weight))}
	for _, s := range c.Scores {
		cells = append(cells, app.Td().Class("num").Text(itoa(s)))
	}
	return app.Tr().Body(append(cells, app.Td().Text(c.Note))...)
}
