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
