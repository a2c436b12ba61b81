package checksum_test

import (
	"fmt"

	"github.com/textnlp/textguard/pii/internal/checksum"
)

func ExampleCardIssuer() {
	for _, s := range []string{"4111 1111 1111 1111", "4111 1111 1111 1112", "378282246310005"} {
		issuer, ok := checksum.CardIssuer(s)
		fmt.Println(issuer, ok)
	}
	// Output:
	// visa true
	//  false
	// amex true
}

func ExampleIBAN() {
	fmt.Println(checksum.IBAN("GB82 WEST 1234 5698 7654 32"))
	fmt.Println(checksum.IBAN("GB82 WEST 1234 5698 7654 33"))
	// Output:
	// true
	// false
}

func ExampleUSSSN() {
	fmt.Println(checksum.USSSN("123-45-6789"))
	fmt.Println(checksum.USSSN("078-05-1120")) // the Woolworth wallet card
	fmt.Println(checksum.USSSN("666-12-3456")) // area 666 is never issued
	// Output:
	// true
	// false
	// false
}

func ExampleEthereumAddress() {
	// The EIP-55 test vector, then the same address with one letter's case
	// flipped, which breaks its checksum.
	fmt.Println(checksum.EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
	fmt.Println(checksum.EthereumAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
	// Output:
	// true
	// false
}

func ExampleDate() {
	fmt.Println(checksum.Date(2000, 2, 29), checksum.Date(1900, 2, 29))
	// Output: true false
}
