module github.com/textnlp/textguard

go 1.26.0

require (
	github.com/dlclark/regexp2 v1.12.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	golang.org/x/text v0.44.0 // indirect
)
