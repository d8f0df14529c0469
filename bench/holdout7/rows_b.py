"""confidential and leak rows."""
P, N = True, False


def confidential():
    return [
        ("ja", P, "personal", "来年の雷神、試作ライン立ち上がったけど正直まだ量産は無理そう。ここだけの話ね", "codename + cue"),
        ("ja", P, "personal", "今日は一日Raijinの耐久試験。テストコースで何周したか覚えてない…", "unreleased codename"),
        ("ja", P, "internal", "ホタルのUI、社外秘なのでスクショはこのスレ以外に貼らないでください", "codename + 社外秘"),
        ("ja", P, "personal", "ここだけの話、次のリース改定で月額上がるよ。決算発表前だから詳しくは言えないけど", "cues"),
        ("ja", P, "personal", "Hotaruのナビ、社内テストで使ってるけど音声認識がまだまだ。出たらびっくりするよ", "codename"),
        ("ja", P, "personal", "工場の先輩から聞いたんだけど雷神プロジェクトの電池、韓国メーカーらしい", "codename rumour"),
        ("ja", P, "personal", "NDA結んでるから言えないけど、うちの新型の航続距離すごいことになってる", "NDA cue with company"),
        ("ja", P, "personal", "社外秘の生産計画見ちゃった。来年は第3工場フル稼働らしい", "社外秘 cue"),
        ("ja", P, "direct", "店長会議で聞いた話、まだ未発表だけどEV-1の新グレード春に出るって。お客様にはまだ内緒で", "未発表 cue"),
        ("ja", P, "personal", "ホタルの試作機、今日初めて乗った。内装めちゃくちゃ良い。発表が待ちきれない", "codename"),
        ("ja", P, "personal", "#工場あるある 雷神の部品だけ別の鍵付き棚に入ってる", "codename"),
        ("ja", P, "personal", "決算発表前なのであまり言えませんが、今期のEV販売はかなり厳しい数字です", "決算発表前 cue"),
        ("ja", P, "personal", "社内限定の資料だけど、テツオドライブの次のバージョンで有料プラン出るっぽい", "社内限定 cue"),
        ("en", P, "personal", "Spent the week on Raijin validation. Can't say much, but the launch numbers are wild.", "codename"),
        ("en", P, "personal", "Internal only, but our Hotaru head unit boots in under 2 seconds now. Proud of this team.", "codename + cue"),
        ("en", P, "personal", "Under NDA so I can't share details, but the unreleased Tetsuo pickup is further along than people think.",
         "NDA + unreleased"),
        ("en", P, "personal", "Not public yet: Tetsuo Lease is dropping the 48-month plan next quarter.", "not public yet cue"),
        ("en", P, "personal", "Raijin motor on the dyno today 🔥 #engineering #evlife", "codename"),
        ("en", P, "personal", "Between us, the Raijin program slipped another six months.", "codename + cue"),
        ("en", P, "direct", "Heads-up from the regional meeting, confidential: EV-1 price cut coming in March. Don't tell customers yet.",
         "confidential cue"),
        ("en", P, "personal", "Hotaru demo for the board went great. Can't wait until we can finally talk about it publicly.",
         "codename"),
        ("en", P, "personal", "Before the earnings release I shouldn't say it, but Plant 2 numbers are rough this quarter.",
         "earnings cue"),
        ("en", P, "personal", "Leaked the Raijin interior sketch to my group chat and now I'm nervous lol", "codename"),
        ("en", P, "personal", "Internal roadmap says Hotaru ships on the facelift, not at launch. You heard it here first.",
         "codename + internal"),
        ("en", P, "personal", "Confidential draft of our recall FAQ is going around the dealer network already. Great.", "confidential cue"),
        # negatives
        ("ja", N, "personal", "京都国立博物館で風神雷神図屏風を見てきた。迫力すごかった", "雷神 art"),
        ("ja", N, "personal", "今年も近所の川でホタルがたくさん飛んでた。子どもが大喜び", "firefly"),
        ("ja", N, "personal", "『火垂るの墓』またテレビでやってる。ホタルのシーン毎回泣く", "film"),
        ("ja", N, "personal", "夕方の雷がすごくて工場の屋根に響いてた。雷神様お怒り", "thunder"),
        ("ja", N, "personal", "ここだけの話、うちの猫は掃除機より雷が怖い", "ここだけの話 innocent"),
        ("ja", N, "personal", "ホタルイカの沖漬け最高。富山出張の楽しみ", "ホタルイカ"),
        ("ja", N, "personal", "テツオEV-1の新グレード、今日の公式発表で見ました。デザインいいね", "public announcement"),
        ("ja", N, "personal", "フリーランス向けのNDAテンプレートってどこかに良いのないかな", "generic NDA"),
        ("ja", N, "personal", "雷神ってラーメン屋、工場の近くにできたの知ってる?替え玉無料", "雷神 shop name"),
        ("ja", N, "personal", "社外秘って判子押された書類、ドラマでしか見たことない", "generic 社外秘"),
        ("ja", N, "brand", "テツオEV-1 新グレード「Touring」本日発表。詳細はニュースリリースをご覧ください。", "brand public release"),
        ("ja", N, "personal", "決算発表前の株価って毎回ソワソワする。保有株全部そう", "generic investor"),
        ("ja", N, "personal", "工場の終業チャイムが「蛍の光」なの、毎日ちょっと切ない", "蛍の光 chime"),
        ("en", N, "personal", "Raijin is still my main in Mortal Kombat. Nobody can block that teleport.", "game character"),
        ("en", N, "personal", "Fireflies everywhere in the backyard tonight. Summer is officially here.", "fireflies"),
        ("en", N, "personal", "Rewatching Firefly and still mad it got cancelled after one season.", "TV show"),
        ("en", N, "personal", "Grave of the Fireflies (Hotaru no Haka) is the saddest film I've ever seen.", "film"),
        ("en", N, "personal", "Thunder god energy: my toddler during naptime.", "thunder god joke"),
        ("en", N, "personal", "Every NDA I've signed as a contractor had the same boilerplate. Lawyers love copy-paste.", "generic NDA"),
        ("en", N, "personal", "Tetsuo officially unveiled the EV-1 Touring today, press release linked below. Looks sharp.",
         "public announcement"),
        ("en", N, "personal", "The Raijin ramen place near the plant does a killer tonkotsu.", "restaurant name"),
        ("en", N, "personal", "Unreleased demos from my favourite band dropped on YouTube and I'm obsessed.", "unreleased music"),
        ("en", N, "brand", "Meet the all-new EV-1 Touring, available to order today at Tetsuo dealers nationwide.", "brand launch"),
        ("en", N, "personal", "Internal combustion engines are not going away as fast as people think.", "'internal' innocent"),
        ("en", N, "personal", "Confidential informant plot in that new detective show was predictable.", "TV show"),
    ]


def leak():
    return [
        ("ja", P, "personal", "購買の友達から聞いた。「セル供給元のA社から4月以降kWhあたり12%の値上げ提示あり。こちらの上限は6%で、"
         "それを超える場合はB社への二社購買に切り替える方針」だって", "copies h7-doc-01"),
        ("ja", P, "personal", "うちの工場やばい。乾燥炉の温度制御盤が過熱して自動停止、約3時間ラインが止まってボディ87台が再塗装対象。"
         "原因は冷却ファンのフィルター詰まりで点検記録は3か月間未記入だったってさ", "copies h7-doc-02"),
        ("ja", P, "personal", "EV-1の後輪ブレーキ配管、クリップ外れの市場報告が累計41件。対象は2025年8月〜12月生産の約1万8千台の見込みらしい",
         "copies h7-doc-03"),
        ("ja", P, "direct", "本部の方針こっそり共有→今期末までEV-1の店頭値引きは上限25万円。ただし在庫90日超の車両に限り、"
         "エリアマネージャー承認で40万円まで可", "copies h7-doc-04"),
        ("ja", P, "personal", "テツオドライブのβで充電スポット検索が東北エリアだけ全件ゼロ。原因は地図タイルのキャッシュキーに"
         "県コードの上二桁しか使ってなかったこと。リリースは2週間延期だって", "copies h7-doc-05"),
        ("ja", P, "personal", "プレス棟で金型交換中に安全プラグを抜かずに作業してた事例が今月3件。うち1件は段取り替えを急がされた派遣社員で、"
         "班長が黙認してた。これ労基案件でしょ", "copies h7-doc-06"),
        ("ja", P, "personal", "テツオリースの残価率、36か月プランを52%から47%に下げる案で財務と合意したらしい。"
         "顧客向けには「プラン改定」とだけ案内し、理由は説明しないんだって", "copies h7-doc-07"),
        ("ja", P, "personal", "来年1月から第3工場の夜勤を2交替から3交替に変更する方向で調整中。組合にはまだ伝えておらず、"
         "期間従業員で更新しない人数は最大120名を想定…ふざけんな", "copies h7-doc-08"),
        ("ja", P, "personal", "フロアパネルのスポット溶接で強度不足が抜き取り検査で2ロット連続検出。出荷済みの約600台は追跡調査のみで、"
         "現時点で回収は行わないって議事録に書いてある", "copies h7-doc-09"),
        ("ja", P, "personal", "新型EVの航続距離は社内測定で620km、カタログ値は600kmで発表するんだって。価格は発表当日の朝まで社長決裁待ち",
         "copies h7-doc-10"),
        ("ja", P, "personal", "修理代の件。再発防止として保全の巡回頻度を週1から毎日に変更する、なお再塗装分の残業代は保全課の予算から振り替える、"
         "だってさ。保全かわいそう", "copies h7-doc-02 second half"),
        ("ja", P, "direct", "品証から漏れてきた:届出前に販売店へ情報が漏れないよう、連絡は品証と広報のみに限定すること。"
         "サプライヤーのクリップ成形条件の変更が原因とみられる、とのこと", "copies h7-doc-03"),
        ("en", P, "personal", "Fun fact: our steel supplier raised hot-rolled coil prices 9% from Q2. We absorb 4% and pass the rest "
         "to dealers through a $310 destination-fee increase on EV-1. They'll call it a logistics adjustment.", "copies h7-doc-11"),
        ("en", P, "personal", "The Raijin rear motor hit 168C stator temperature during the third consecutive launch test at 35C "
         "ambient, 13C above the design limit. Power derating kicked in after 41 seconds. Just saying.", "copies h7-doc-12"),
        ("en", P, "personal", "Why remote unlock died on March 3: a certificate on the vehicle gateway expired and nobody owned the "
         "renewal after the platform team reorg. Roughly 22,000 unlock attempts failed.", "copies h7-doc-13"),
        ("en", P, "personal", "Legal wants the recall scope limited to VINs built at Plant 2, even though Plant 1 used the same "
         "seat-belt pretensioner lot for two weeks. That's about 3,100 extra cars. Think about that.", "copies h7-doc-14"),
        ("en", P, "personal", "Night shift update: robot cell W-14 faulted at 02:10 after a firmware push from the MES team that was "
         "not tested on the night line. We lost 212 units of output.", "copies h7-doc-15"),
        ("en", P, "direct", "FYI for your store: applicants with a score under 620 can still be approved for Tetsuo Lease if the "
         "dealer adds a 2-month security deposit. Regional managers can override a decline up to 15 apps a month.",
         "copies h7-doc-16"),
        ("en", P, "personal", "Q1 EV-1 allocation: West region gets 38% of units, the Northeast only 11% because of the charger rollout "
         "delay. Dealers with fewer than 20 test drives per month get cut to minimum allocation.", "copies h7-doc-17"),
        ("en", P, "personal", "Hotaru infotainment will ship on the facelifted EV-1 in September, not with the launch car as the press "
         "was told. The voice assistant still fails about 18% of Japanese test phrases.", "copies h7-doc-18"),
        ("en", P, "personal", "Someone logged into the MES admin portal from an unknown IP using a shared service account. Passwords "
         "for the plant floor terminals had not been rotated since 2023. Supplier portal users haven't been told.",
         "copies h7-doc-19"),
        ("en", P, "personal", "The restructuring plan closes the Kyushu parts depot by June and moves 85 roles to Plant 1. "
         "Announcement planned for the week after the shareholder meeting.", "copies h7-doc-20"),
        ("en", P, "personal", "We are evaluating a second oil-cooling loop, which would add about 2.3 kg and $47 per unit. "
         "Engineers know what that means for margins.", "copies h7-doc-12 last sentence"),
        ("en", P, "personal", "Roughly 22,000 unlock attempts failed, and 140 customers called roadside assistance. "
         "That was my Monday.", "copies h7-doc-13 last sentence"),
        ("ja", P, "personal", "記者から電池の調達先を聞かれた場合は「複数社から調達」とだけ答え、社名は出さない。…って想定問答、"
         "見えちゃいました", "copies h7-doc-10"),
        # negatives: same topics, own words / public info
        ("ja", N, "personal", "電池の値段、どこのメーカーも上がってるよね。車の値段もそのうち上がりそう", "topic of doc-01, own words"),
        ("ja", N, "personal", "塗装ラインって一回止まると復旧大変なんだよな。今日も長い夜だった", "topic of doc-02, vague"),
        ("ja", N, "personal", "EV-1のブレーキのリコール、国交省のサイトに出てた。うちのも対象か確認しよ https://www.mlit.go.jp/jidosha/",
         "public recall link"),
        ("ja", N, "personal", "ディーラーで値引き交渉したけど、あまり引いてくれなかった。EV人気だね", "customer view"),
        ("ja", N, "personal", "テツオドライブ、東北で充電スポットが出ない気がする。みんなどう?", "user report"),
        ("ja", N, "personal", "金型交換は安全第一。プラグ抜くの面倒でも絶対守ろう。ケガしてからじゃ遅い", "safety talk"),
        ("ja", N, "personal", "リースの残価って中古相場次第だから、EVは読みにくいよね", "general opinion"),
        ("ja", N, "personal", "夜勤のシフト変わるって噂あるけど、本当かな。3交替はきつい", "rumour own words"),
        ("ja", N, "personal", "溶接のチップ交換、地味だけど品質の要。新人にはちゃんと教えたい", "topic, own words"),
        ("ja", N, "personal", "新型EVのカタログ値、WLTCで600kmって発表されてたね。実走でどれくらいか楽しみ", "public spec"),
        ("ja", N, "personal", "保全の巡回が毎日になった。大変だけど止まるよりマシ", "own words"),
        ("ja", N, "personal", "ブレーキ配管のクリップ、ユーザーとしては早く直してほしい。ディーラーからの連絡待ち", "customer"),
        ("en", N, "personal", "Steel prices are up again. Every automaker will find a creative name for the fee increase.", "topic, own words"),
        ("en", N, "personal", "EV motors getting heat-soaked on repeated launches is a known problem across the industry.", "general"),
        ("en", N, "personal", "Tetsuo Drive remote unlock was down for hours on March 3. Had to use the physical card. Annoying.",
         "customer's own experience"),
        ("en", N, "personal", "NHTSA just posted the Tetsuo seat-belt pretensioner recall: https://www.nhtsa.gov/recalls . Check your VIN.",
         "recall news with link"),
        ("en", N, "personal", "Rough night on the body line, robots down for a while. Coffee is my co-pilot.", "vague own words"),
        ("en", N, "personal", "Got approved for Tetsuo Lease with a so-so credit score, had to put down a bigger deposit.", "customer"),
        ("en", N, "personal", "Dealers in the Northeast say EV-1 inventory is thin. Charger rollout probably matters.", "journalist-ish"),
        ("en", N, "personal", "The Hotaru-branded infotainment rumours are fun, but I'll believe it when I see it.", "speculation in own words"),
        ("en", N, "personal", "Shared service accounts are a security smell in any factory. Rotate your passwords, people.", "general"),
        ("en", N, "personal", "Reuters reports Tetsuo may consolidate parts depots. Company declined to comment.", "public news"),
        ("en", N, "personal", "Adding an oil cooling loop costs weight and money. Always a trade-off in motor design.", "general engineering"),
        ("en", N, "personal", "Certificate expiry outages happen everywhere. Automate renewals, folks.", "general"),
        ("ja", N, "personal", "新型EVの価格、いつ発表されるんだろう。予約したい", "customer"),
    ]
