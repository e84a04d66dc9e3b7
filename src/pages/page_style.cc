#include "pages/page_style.h"

namespace esafety::pages {

std::string_view pageStyle() {
  // Colours: text #1f2933 on #fff is 14:1; button #1d4ed8 with white is 6.7:1;
  // muted #52606d on #fff is 6.4:1, on the child's #fff8eb about 6:1.
  static constexpr std::string_view kStyle = R"css(
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
line-height:1.5;color:#1f2933;background:#eef2f7;font-size:1.0625rem}
.page{max-width:44rem;margin:0 auto;padding:1.25rem 1rem 3rem}
.school{margin:0 0 .75rem;color:#52606d;font-size:.95rem;font-weight:600}
.card{background:#fff;border-radius:1rem;padding:1.5rem;box-shadow:0 1px 3px rgba(15,23,42,.15)}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .75rem;text-wrap:balance}
h2{font-size:1.15rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
.muted{color:#52606d}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
.facts dt{font-weight:600;color:#52606d}
.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
.ref{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-weight:700;
letter-spacing:.06em;white-space:nowrap}
.site{overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.25rem 0 0}
.actions form{margin:0;flex:1 1 15rem;display:flex;flex-direction:column;justify-content:flex-end}
.button{display:block;width:100%;min-height:3rem;padding:.7rem 1rem;font:inherit;font-weight:700;
line-height:1.25;text-align:center;text-decoration:none;border-radius:.75rem;
border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
.button.secondary{background:#fff;color:#1d4ed8}
.button:hover{background:#1e40af;border-color:#1e40af;color:#fff}
.button:focus-visible,textarea:focus-visible{outline:3px solid #b45309;outline-offset:3px}
label{display:block;font-weight:600;margin:0 0 .35rem}
textarea{display:block;width:100%;min-height:5.5rem;margin:0 0 .75rem;padding:.6rem;font:inherit;
border:2px solid #7b8794;border-radius:.5rem;resize:vertical}
.hint{font-size:.9rem;color:#52606d;margin:-.5rem 0 .75rem}
.section{margin-top:1.5rem;padding-top:1rem;border-top:1px solid #d9e2ec}
.section form{margin:0}
.adult .section .button{display:inline-block;width:auto;min-width:16rem;max-width:100%}
details{margin-top:1rem;color:#52606d}
summary{cursor:pointer;padding:.6rem 0;font-weight:600}
code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;overflow-wrap:anywhere}
body.child{background:#fff3d6;font-size:1.3rem}
.child .card{background:#fff8eb;border:3px solid #f0c36d;border-radius:1.75rem;text-align:center;
padding:1.75rem 1.25rem}
.child h1{font-size:2.1rem;margin-bottom:.5rem}
.child .lead{font-size:1.5rem;font-weight:600;text-wrap:balance}
.child .mascot{display:block;width:11rem;height:auto;margin:0 auto .5rem}
.child .button{min-height:4rem;font-size:1.35rem;border-radius:1.25rem;border-width:3px}
.child .actions form{flex-basis:14rem;justify-content:stretch}
.child .actions .button{flex:1 1 auto}
.child .teacher{margin-top:2rem;padding-top:1rem;border-top:3px dashed #f0c36d;text-align:left;
font-size:1rem}
.child .teacher h2{font-size:1.05rem;color:#52606d}
@media (max-width:30rem){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.4rem}
.child h1{font-size:1.75rem}}
)css";
  return kStyle;
}

}  // namespace esafety::pages
