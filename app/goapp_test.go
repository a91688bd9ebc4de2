package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestGoappStillNeedsDisabledIf checks that go-app still writes
// Disabled(false) as disabled="false", which disables: the reason for
// disabledIf. A failure is good news: drop disabledIf.
func TestGoappStillNeedsDisabledIf(t *testing.T) {
	bug := app.HTMLString(app.Button().Disabled(false).Text("b"))
	if !strings.Contains(bug, `disabled="false"`) {
		t.Errorf("go-app no longer writes Disabled(false) as disabled=\"false\" (%s): drop disabledIf", bug)
	}
	if got := app.HTMLString(disabledIf(app.Button().Text("b"), false)); strings.Contains(got, "disabled") {
		t.Errorf("disabledIf(false) wrote %s", got)
	}
	if got := app.HTMLString(disabledIf(app.Button().Text("b"), true)); !strings.Contains(got, "disabled") {
		t.Errorf("disabledIf(true) wrote %s", got)
	}
}

func TestGoappStillNeedsSyncValues(t *testing.T) {
	if got := app.HTMLString(app.Input().Type("text").Value("")); strings.Contains(got, "value") {
		t.Errorf("go-app now keeps an empty value (%s): drop syncValues", got)
	}
}

// TestGoappStillNeedsSlot checks that go-app still replaces the siblings
// after an element that goes: the reason for slot. A failure is good
// news: go-app keeps them now, and slot can go.
func TestGoappStillNeedsSlot(t *testing.T) {
	for _, tc := range []struct {
		name     string
		slotted  bool
		replaced bool
	}{
		{"bare", false, true},
		{"in a slot", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inits := 0
			e := app.NewTestEngine()
			for _, show := range []bool{true, false, true} {
				if err := e.Load(&slotHolder{Ishow: show, Islotted: tc.slotted, inits: &inits}); err != nil {
					t.Fatal(err)
				}
				e.ConsumeAll()
			}
			if got := inits > 1; got != tc.replaced {
				t.Errorf("the field after the optional element was set up %d times (replaced: %v, want %v)", inits, got, tc.replaced)
			}
		})
	}
}

// slotHolder shows an optional paragraph before a field.
type slotHolder struct {
	app.Compo
	Ishow, Islotted bool
	inits           *int
}

func (h *slotHolder) Render() app.UI {
	var opt app.UI
	if h.Ishow {
		opt = app.P().Text("optional")
	}
	if h.Islotted {
		opt = slot(opt)
	}
	return app.Div().Body(opt, &slotField{inits: h.inits})
}

// slotField counts its set-ups: each is a new field in the page.
type slotField struct {
	app.Compo
	inits *int
}

func (f *slotField) OnInit()        { *f.inits++ }
func (f *slotField) Render() app.UI { return app.Input().Type("text") }
