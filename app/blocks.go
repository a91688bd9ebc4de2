package app

import (
	"strings"

	"leaving-amazon/essay"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderBlocks renders parsed Markdown blocks. shift lowers headings: a "##"
// becomes an h(2+shift), so that a section keeps a sound outline both on its
// own page and inside the whole essay.
//
// A figure is described by the paragraphs before it in the same section:
// the figure is drawn from that text, so the text is its description.
//
// Sliders and verdicts read the view and call back through act; with a nil
// view (the colophon) there are none.
func renderBlocks(blocks []essay.Block, shift int, v *view, act *actions) []app.UI {
	out := make([]app.UI, 0, len(blocks))
	if act == nil {
		act = &actions{}
	}
	var before []string
	for _, b := range blocks {
		switch b.Kind {
		case essay.Figure:
			out = append(out, renderFigure(b.Name, strings.Join(before, " ")))
			continue
		case essay.Slider:
			if i := v.Essay.Model.Factor(b.Name); i >= 0 {
				out = append(out, newSlider().Factor(v.Essay.Model.Factors[i], i).
					Weight(v.Weights[i]).Tipping(v.Result.Tipping[i], v.Result.Winner).
					OnChange(act.setWeight))
			}
			continue
		case essay.Verdict:
			switch b.Name {
			case "panel":
				out = append(out, newVerdictPanel().View(v).OnReset(act.reset))
			case "balance":
				out = append(out, balance(v))
			}
			continue
		}
		if b.Kind == essay.Paragraph {
			before = append(before, b.ID)
		}
		out = append(out, renderBlock(b, shift))
	}
	return out
}

func renderBlock(b essay.Block, shift int) app.UI {
	switch b.Kind {
	case essay.Paragraph:
		return app.P().ID(b.ID).Body(renderInlines(b.Inlines)...)
	case essay.Heading:
		return headingUI(b.Level+shift, b.ID, renderInlines(b.Inlines)...)
	case essay.List:
		items := make([]app.UI, 0, len(b.Children))
		for _, item := range b.Children {
			body := renderInlines(item.Inlines)
			body = append(body, renderBlocks(item.Children, shift, nil, nil)...)
			items = append(items, app.Li().Body(body...))
		}
		if b.Ordered {
			ol := app.Ol().Body(items...)
			if b.Start > 1 {
				ol = ol.Attr("start", b.Start)
			}
			return ol
		}
		return app.Ul().Body(items...)
	case essay.Quote:
		return app.Blockquote().Body(renderBlocks(b.Children, shift, nil, nil)...)
	}
	return nil
}

// renderFigure draws a figure named in the content. The parser accepts only
// the names in essay.Figures, and a test checks that each one renders.
func renderFigure(name, describedBy string) app.UI {
	switch name {
	case "timeline":
		return newTimeline().Events(essay.Timeline).DescribedBy(describedBy)
	}
	return nil
}

func headingUI(level int, id string, body ...app.UI) app.UI {
	switch level {
	case 1:
		return app.H1().ID(id).Body(body...)
	case 2:
		return app.H2().ID(id).Body(body...)
	case 3:
		return app.H3().ID(id).Body(body...)
	case 4:
		return app.H4().ID(id).Body(body...)
	default:
		return app.H5().ID(id).Body(body...)
	}
}

func renderInlines(ins []essay.Inline) []app.UI {
	out := make([]app.UI, 0, len(ins))
	for _, in := range ins {
		switch in.Kind {
		case essay.Text:
			out = append(out, app.Text(in.Text))
		case essay.Emphasis:
			out = append(out, app.Em().Body(renderInlines(in.Children)...))
		case essay.Strong:
			out = append(out, app.Strong().Body(renderInlines(in.Children)...))
		case essay.Code:
			out = append(out, app.Code().Text(in.Text))
		case essay.Link:
			out = append(out, app.A().Href(in.Href).Body(renderInlines(in.Children)...))
		case essay.Break:
			out = append(out, app.Br())
		}
	}
	return out
}
