#include "pages/ca_page.h"

#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::pages {

std::string renderCaPage(const CaPageInfo& info) {
  constexpr std::string_view kTitle = "Install the school's web filter certificate";
  std::string body = "<h1>" + std::string(kTitle) + "</h1>\n";
  if (info.ca_name.empty()) {
    body += R"(<p>The school has not made its certificate yet. The IT technician makes it on the
server with <code>esafety ca init</code>, then this page offers it for download.</p>
)";
    return renderPage({.title = kTitle, .audience = Audience::kAdult, .body = body});
  }
  body += R"(<p>The web filter checks secure (https) websites for the groups where the school has
turned this on, so it can show its block page instead of a browser error. For that, each
school device must trust the filter's certificate. Install it once per device.</p>
<p><strong>Only install it on school devices.</strong> Banking, health and government websites
are never checked.</p>
<dl class="facts">
<dt>Certificate</dt><dd>)" +
          htmlEscape(info.ca_name) + R"(</dd>
<dt>Fingerprint (SHA-256)</dt><dd><code>)" +
          htmlEscape(info.fingerprint) + R"(</code></dd>
<dt>Valid until</dt><dd>)" +
          htmlEscape(info.valid_until) + R"(</dd>
</dl>
<p>Download: <a href="/ca.mobileconfig">for iPad, iPhone and Mac (profile)</a> &middot;
<a href="/ca.der">for Windows and Chromebook (.der)</a> &middot;
<a href="/ca.pem">PEM (.pem), for servers and Linux</a></p>

<h2>iPad and iPhone</h2>
<ol>
<li>Open this page in <strong>Safari</strong> on the iPad and tap
<a href="/ca.mobileconfig">the profile</a>. Tap <strong>Allow</strong>.</li>
<li>Open <strong>Settings</strong>, tap <strong>Profile Downloaded</strong>, then
<strong>Install</strong> and enter the passcode.</li>
<li>Go to <strong>Settings &gt; General &gt; About &gt; Certificate Trust Settings</strong> and turn
on full trust for the certificate named above.</li>
</ol>
<p>With many iPads, add the profile in your device management (MDM) instead.</p>

<h2>Chromebook</h2>
<ol>
<li>For managed Chromebooks: in the Google Admin console go to <strong>Devices &gt; Networks &gt;
Certificates</strong>, upload <a href="/ca.der">the .der file</a> and tick
<strong>Chromebook: use this certificate as an HTTPS certificate authority</strong>.</li>
<li>For one Chromebook: download <a href="/ca.der">the .der file</a>, open
<code>chrome://settings/certificates</code>, choose <strong>Authorities &gt; Import</strong>, pick
the file and tick <strong>Trust this certificate for identifying websites</strong>.</li>
</ol>

<h2>Windows</h2>
<ol>
<li>For the whole school: in Group Policy Management edit the policy for school computers, go to
<strong>Computer Configuration &gt; Policies &gt; Windows Settings &gt; Security Settings &gt; Public
Key Policies &gt; Trusted Root Certification Authorities</strong> and import
<a href="/ca.der">the .der file</a>.</li>
<li>For one computer: download <a href="/ca.der">the .der file</a>, run <code>certlm.msc</code>
(or <code>certmgr.msc</code> for one user), right-click <strong>Trusted Root Certification
Authorities &gt; Certificates</strong>, choose <strong>All Tasks &gt; Import</strong> and pick the
file.</li>
</ol>
<p>Firefox keeps its own list: set <code>security.enterprise_roots.enabled</code> to true, or import
the file under <strong>Settings &gt; Privacy &amp; Security &gt; Certificates</strong>.</p>

<h2>Mac</h2>
<ol>
<li>Download <a href="/ca.der">the .der file</a> and double-click it; it opens in
<strong>Keychain Access</strong>. Add it to the <strong>System</strong> keychain.</li>
<li>Double-click the certificate, open <strong>Trust</strong> and set <strong>When using this
certificate</strong> to <strong>Always Trust</strong>. Close the window and enter your password.</li>
</ol>
<p>Or install <a href="/ca.mobileconfig">the profile</a> and approve it in <strong>System
Settings &gt; Privacy &amp; Security &gt; Profiles</strong>.</p>
)";
  return renderPage({.title = kTitle, .audience = Audience::kAdult, .body = body});
}

}  // namespace esafety::pages
