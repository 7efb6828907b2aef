import Foundation
import LeadModel
import SignedLinks
import Testing

/// Signed links: what the digest writes, the server accepts; anything changed or late, it refuses.
@Suite struct LinkSignerTests {
    let signer = LinkSigner(key: Secret("a link key of thirty-two bytes!!"), base: URL(string: "https://leads.plumberleads.example")!)
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test(arguments: LinkAction.allCases)
    func aLinkVerifiesAsWritten(action: LinkAction) throws {
        let url = signer.link(action, subject: 17, expires: now.addingTimeInterval(3600))
        #expect(url.absoluteString.hasPrefix("https://leads.plumberleads.example/l/\(action.rawValue)?s=17&e="))
        #expect(try signer.verify(url, now: now).get() == SignedLink(action: action, subject: 17, expires: now.addingTimeInterval(3600)))
    }

    @Test func aForgedOrLateLinkIsRefused() throws {
        let url = signer.link(.credit, subject: 17, expires: now.addingTimeInterval(3600)).absoluteString
        func verify(_ text: String) -> Result<SignedLink, LinkError> { signer.verify(URL(string: text)!, now: now) }
        #expect(verify(url.replacingOccurrences(of: "s=17", with: "s=18")) == .failure(.forged), "another plumber's assignment")
        #expect(verify(url.replacingOccurrences(of: "/l/credit", with: "/l/won")) == .failure(.forged))
        let expiry = url.components(separatedBy: "e=")[1].prefix(10)
        #expect(verify(url.replacingOccurrences(of: "e=\(expiry)", with: "e=\(Int(expiry)! + 86_400)")) == .failure(.forged), "a longer life")
        #expect(signer.verify(URL(string: url)!, now: now.addingTimeInterval(3601)) == .failure(.expired))
        let other = LinkSigner(key: Secret("another key, another deployment"), base: signer.base)
        #expect(other.verify(URL(string: url)!, now: now) == .failure(.forged))
        #expect(verify("https://leads.plumberleads.example/l/credit?s=17") == .failure(.malformed))
        #expect(verify("https://leads.plumberleads.example/l/delete-everything?s=17&e=1&sig=x") == .failure(.malformed))
        #expect(verify(url + "&s=99") == .failure(.malformed))
    }

    @Test func aLinkCarriesNoPersonalData() {
        let url = signer.link(.wrongNumber, subject: 4242, expires: now)
        #expect(Set(URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems!.map(\.name)) == ["s", "e", "sig"])
    }
}
