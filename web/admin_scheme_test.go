package web

import (
	"net/http/httptest"
	"testing"
)

// TestBearerSchemeCaseInsensitive: "bearer" and "BEARER" are the Bearer
// scheme; another scheme or token is not.
func TestBearerSchemeCaseInsensitive(t *testing.T) {
	s := &Server{opts: Options{Admin: Admin{Token: "0123456789abcdef"}}}
	for h, want := range map[string]bool{
		"Bearer 0123456789abcdef": true,
		"bearer 0123456789abcdef": true,
		"BEARER 0123456789abcdef": true,
		"Basic 0123456789abcdef":  false,
		"Bearer wrong":            false,
		"":                        false,
	} {
		r := httptest.NewRequest("POST", "/api/admin/crawl", nil)
		r.Header.Set("Authorization", h)
		if got := s.authorized(r); got != want {
			t.Errorf("authorized(%q) = %v, want %v", h, got, want)
		}
	}
}
