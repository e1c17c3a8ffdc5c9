//! The parts of MediaWiki's HTML page (the `apioutput` skin around the pretty-printed result and
//! the help) that differ between releases, as templates the release rows point to: the `<head>`
//! after `<head>` and the script after the content. `format_html.rs` fills in `{sitename}`,
//! `{request_id}`, `{version}`, `{server}` (HTML-escaped) and `{backend_ms}`.

/// A release's page chrome.
#[derive(Debug)]
pub struct PageChrome {
    /// From `<meta charset…>` to the last `<link>` before `</head>`, each line ending in `\n`.
    pub head: &'static str,
    /// The script before `</body>` (ResourceLoader's deprecation warning, the backend time).
    pub tail_script: &'static str,
}

/// MediaWiki 1.39: XHTML-style void tags, the user module scripts, a favicon link.
pub const CHROME_1_39: PageChrome = PageChrome {
    head: r##"<meta charset="UTF-8"/>
<title>MediaWiki API result - {sitename}</title>
<script>document.documentElement.className="client-js";RLCONF={"wgBreakFrames":false,"wgSeparatorTransformTable":["",""],"wgDigitTransformTable":["",""],"wgDefaultDateFormat":"dmy","wgMonthNames":["","January","February","March","April","May","June","July","August","September","October","November","December"],"wgRequestId":"{request_id}","wgCSPNonce":false,"wgCanonicalNamespace":"Special","wgCanonicalSpecialPageName":"ApiHelp","wgNamespaceNumber":-1,"wgPageName":"Special:ApiHelp","wgTitle":"ApiHelp","wgCurRevisionId":0,"wgRevisionId":0,"wgArticleId":0,"wgIsArticle":false,"wgIsRedirect":false,"wgAction":"view","wgUserName":null,"wgUserGroups":["*"],"wgCategories":[],"wgPageContentLanguage":"en","wgPageContentModel":"wikitext","wgRelevantPageName":"Special:ApiHelp","wgRelevantArticleId":0,"wgIsProbablyEditable":false,"wgRelevantPageIsProbablyEditable":false};RLSTATE={"site.styles":"ready","user.styles":"ready","user":"ready","user.options":"loading","mediawiki.apipretty":"ready","mediawiki.skinning.interface":"ready"};
RLPAGEMODULES=["site","mediawiki.page.ready"];</script>
<script>(RLQ=window.RLQ||[]).push(function(){mw.loader.implement("user.options@12s5i",function($,jQuery,require,module){mw.user.tokens.set({"patrolToken":"+\\","watchToken":"+\\","csrfToken":"+\\"});});});</script>
<link rel="stylesheet" href="/load.php?lang=en&amp;modules=mediawiki.apipretty%7Cmediawiki.skinning.interface&amp;only=styles&amp;skin=apioutput"/>
<script async="" src="/load.php?lang=en&amp;modules=startup&amp;only=scripts&amp;raw=1&amp;skin=apioutput"></script>
<meta name="generator" content="MediaWiki {version}"/>
<meta name="robots" content="noindex,nofollow"/>
<meta name="format-detection" content="telephone=no"/>
<meta name="viewport" content="width=1000"/>
<link rel="icon" href="/favicon.ico"/>
<link rel="search" type="application/opensearchdescription+xml" href="/opensearch_desc.php" title="{sitename} (en)"/>
<link rel="EditURI" type="application/rsd+xml" href="{server}/api.php?action=rsd"/>
<link rel="alternate" type="application/atom+xml" title="{sitename} Atom feed" href="/index.php?title=Special:RecentChanges&amp;feed=atom"/>
"##,
    tail_script: r##"<script>(RLQ=window.RLQ||[]).push(function(){mw.log.warn("This page is using the deprecated ResourceLoader module \"mediawiki.skinning.interface\".\n[1.37] The use of the `content` feature with ResourceLoaderSkinModule is deprecated. Use `content-media` instead. [1.37] The use of the `legacy` feature with ResourceLoaderSkinModule is deprecated(T89981) and is a NOOP since 1.39 (T304325). This should be urgently omited to retain compatibility with future MediaWiki versionsMore information can be found at [[mw:Manual:ResourceLoaderSkinModule]]. ");mw.config.set({"wgBackendResponseTime":{backend_ms}});});</script>"##,
};

/// MediaWiki 1.43: HTML5 void tags, `safemode=1` for the startup module, wider viewport, no
/// favicon, the REST search endpoint, the newer skin-module deprecation.
pub const CHROME_1_43: PageChrome = PageChrome {
    head: r##"<meta charset="UTF-8">
<title>MediaWiki API result - {sitename}</title>
<script>document.documentElement.className="client-js";RLCONF={"wgBreakFrames":false,"wgSeparatorTransformTable":["",""],"wgDigitTransformTable":["",""],"wgDefaultDateFormat":"dmy","wgMonthNames":["","January","February","March","April","May","June","July","August","September","October","November","December"],"wgRequestId":"{request_id}","wgCanonicalNamespace":"Special","wgCanonicalSpecialPageName":"ApiHelp","wgNamespaceNumber":-1,"wgPageName":"Special:ApiHelp","wgTitle":"ApiHelp","wgCurRevisionId":0,"wgRevisionId":0,"wgArticleId":0,"wgIsArticle":false,"wgIsRedirect":false,"wgAction":"view","wgUserName":null,"wgUserGroups":["*"],"wgCategories":[],"wgPageViewLanguage":"en","wgPageContentLanguage":"en","wgPageContentModel":"wikitext","wgRelevantPageName":"Special:ApiHelp","wgRelevantArticleId":0,"wgIsProbablyEditable":false,"wgRelevantPageIsProbablyEditable":false};RLSTATE={"mediawiki.apipretty":"ready","mediawiki.skinning.interface":"ready"};</script>
<link rel="stylesheet" href="/load.php?lang=en&amp;modules=mediawiki.apipretty%7Cmediawiki.skinning.interface&amp;only=styles&amp;skin=apioutput">
<script async="" src="/load.php?lang=en&amp;modules=startup&amp;only=scripts&amp;raw=1&amp;safemode=1&amp;skin=apioutput"></script>
<meta name="generator" content="MediaWiki {version}">
<meta name="robots" content="noindex,nofollow,max-image-preview:standard">
<meta name="format-detection" content="telephone=no">
<meta name="viewport" content="width=1120">
<link rel="search" type="application/opensearchdescription+xml" href="/rest.php/v1/search" title="{sitename} (en)">
<link rel="EditURI" type="application/rsd+xml" href="{server}/api.php?action=rsd">
<link rel="alternate" type="application/atom+xml" title="{sitename} Atom feed" href="/index.php?title=Special:RecentChanges&amp;feed=atom">
"##,
    tail_script: r##"<script>(RLQ=window.RLQ||[]).push(function(){mw.log.warn("This page is using the deprecated ResourceLoader module \"mediawiki.skinning.interface\".\n[1.43] The use of the `interface-message-box` feature with SkinModule is deprecated in favor of CodexModule. Please remove this feature.More information can be found at [[mw:Manual:ResourceLoaderSkinModule]]. ");mw.config.set({"wgBackendResponseTime":{backend_ms}});});</script>"##,
};
