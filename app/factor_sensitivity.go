package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// factorSensitivity says where a factor's numbers change the verdict. A
// component of its own: an edit of one factor changes these words for
// many factors, and only the words need rendering again, not each
// factor's fields and sliders.
type factorSensitivity struct {
	app.Compo

	Iid    string
	Iwords string
}

func newFactorSensitivity() *factorSensitivity { return &factorSensitivity{} }

// ID sets the paragraph's id.
func (s *factorSensitivity) ID(id string) *factorSensitivity { s.Iid = id; return s }

// Words sets what the paragraph says.
func (s *factorSensitivity) Words(w string) *factorSensitivity { s.Iwords = w; return s }

func (s *factorSensitivity) Render() app.UI {
	return app.P().Class("sensitivity").ID(s.Iid).Text(s.Iwords)
}
