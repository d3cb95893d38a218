/**
 * More given names and surnames, beyond the common ones in ./person-names.ts: frequent names of
 * the United States (Census 2010 surname and SSA given-name frequency tables, both public
 * domain) and of the largest groups behind them — Hispanic, African American, West and East
 * African, Arabic, South Asian, Chinese, Korean, Japanese, Vietnamese, Filipino, Slavic, Greek,
 * Turkish, Nordic, Dutch, Italian, Portuguese, French and German — written from those sources'
 * frequent entries, lower case without accents (as `normalizeValue` leaves them). Words that
 * are as often places, products or plain words (paris, sydney, china, apple, golden, summer)
 * are left out on purpose: the list decides whether a column holds personal names.
 */

/** Given names, space-separated. */
export const MORE_GIVEN_NAMES = `
aaron abby abel abram ada adele adrian adrienne agnes aidan aileen alana alec alexa alexandra alfonso alfred
alfredo alicia alison allan allison alma alvin amanda amelia amos ana anastasia andy angel angelica angelina
angie anita annette annie antoine antonia antonio araceli ariana ariel arlene armando arnold aubrey audrey ava
avery barry beatrice becky belinda ben benny bernadette bernard bernice bert bessie beth bethany betsy bianca
bill billie blanca bonnie boris brad bradley brady brendan brent brett briana brianna bridget brooke bryce
byron caleb calvin cara carla carlton carmen carole caroline carrie casey cassandra cecil cecilia celia chad
charlene charlie cheri chester chris christa christy cindy claire clara clarence claude claudia clayton
clifford clint clinton clyde cody colin colleen connie connor constance cora corey cory courtney craig
cristian curtis damon dan dana dane darla darlene darrell darren darryl daryl dave dawn deanna debbie dee
delia della delores derek derrick desiree devin devon dewey dianne dolores dominic dominique don dora doreen
douglas duane dustin dwight earl eddie edgar edith edna edwin eileen elaine eleanor eli elijah elisa elise
ella ellen ellie eloise elsa elsie elvira emanuel emil emilio emmanuel erica erik erika erin ernest ernesto
esperanza essie estelle esther ethel eunice eva evan everett fannie faye felicia felipe felix flora floyd
forrest freddie frederick gabriela gail garrett gavin gene geneva genevieve gerardo gertrude gilbert gina glen
glenda gordon grady greg gretchen guillermo gustavo gwendolyn hailey hal harriet harvey hattie hazel heidi
herbert herman hilda homer howard hugh ian ida ignacio inez ingrid irene irma isaac isabel isaiah ismael ivan
jackie jaime jake jana jane janie janis jared jasmine javier jay jeanette jeanne jenna jenny jerome jessie
jill jim jimmy jo joanna joanne jodi jody joel joey johanna johnny jon jonathan josephine josh josue juanita
julia julian juliana julio justine kara karina kari karl karla kate katelyn katie kathy katrina kay kaylee
keith kelsey kendra kenny kerry kim kirk kristen kristin kristina kristy krystal lana latasha lee leah leo
leon leona leonard leroy leslie lester lillian lindsay lindsey lionel lloyd lois lola lonnie loretta lorraine
lucille lucy luke lydia lyle lynda lynn mabel mack mae maggie malcolm mandy manuel marc marcia marco marcos
margarita margie marian marianne marie marion marissa marjorie marlene marsha marvin maureen max maxine maya
megan melanie melinda melody melvin meredith micheal mike mildred milton mindy miranda miriam mitchell molly
mona monica monique morris myra myrtle nadine naomi natasha neal neil nellie nelson nettie nina nora norma
norman olga oliver otis owen pam pat patsy pattie paulette peggy percy perry phyllis priscilla rachael ramona
randall randy ray reba regina rene renee rex rhonda ricardo rick ricky rita robbie roberta robin rochelle
rodney rodolfo rogelio ron ronnie rosa rosalie rosemary ross roxanne ruben rudolph rudy rufus russell sabrina
sadie sally salvador sam sammy saul shane shannon shari shaun shawn shawna sheila shelby shelia sheri sherri
sherry sidney silvia simon sonia sonya stacey stacy stanley stella steve stuart sue susie suzanne sylvia
tamara tami tammy tanya tara ted teri terrance terrence thelma theodore tim tina toby todd tom tommy toni tony
tracey traci tracy travis trevor tricia troy trudy valerie vanessa velma vera vernon veronica vicki vickie
vicky viola vivian wade wallace wanda warren wendy wesley whitney wilbur wilma winifred yvette yvonne zoe
alejandro cesar cristobal efrain emiliano esteban fabian federico gonzalo gregorio horacio humberto joaquin
leonardo lorenzo marcelo mauricio nicolas octavio reynaldo rigoberto rolando tomas ulises agustin alonso
bautista benjamin ezequiel gael mateo matias santino thiago amparo angeles beatriz catalina concepcion
consuelo esmeralda estela gloria graciela ines lourdes luz maribel maricela marisol milagros nayeli pilar
reina rocio rosario soledad susana yesenia zoila abdul abdullah abdulrahman ahmad amir anwar ayman bilal
faisal farid hamza hamid harun idris imran jamil karim khaled mahmoud malik mansour marwan nabil nasser omar
osama rashid salim sami samir tariq walid yasin youssef zaid ziad amina amira asma dalia farah fatma hala hana
huda iman jamila khadija laila leila lina maryam nadia noor nour rania rasha reem salma samira sana yasmin
zahra aarav abhishek aditya ajay akash amar anand aniket ankit arun ashok bharat deepak dev dinesh gaurav
harish hemant karan krishna kumar manish manoj mukesh naveen nikhil pankaj pradeep prakash praveen rajesh
rakesh ramesh rohit sachin sandeep sanjeev santosh satish shankar shiv siddharth suresh varun vikram vinod
vishal yogesh aarti aishwarya ananya anjali asha bhavna deepa divya gita jyoti kajal kiran komal lata madhu
mala meena meera nandini nisha padma parvati preeti radha rekha ritu sapna seema shanti shreya shruti sneha
sushma swati usha vandana bo chang cheng chun fang feng gang guang hai hua jian jie jing jun kai lan lian lin
mei na ning peng ping qiang qing rong shan sheng shu tao ting wen xia xiang xiao xin xue yang yi ying yong
yuan yun zhen zhi zhong zhu daiki haruka hina hiroko kaito kazuo keiko kenta kiyoshi makoto mari masako
michiko minoru naoko noriko ren riku sota takumi tomoko yoko yoshiko yuto chae eun hae hye hyo ja jae jeong ji
jong joon kyung mi min seon seung sook soon sung woo yeon young bao binh cuong dung giang hanh hieu hoa hung
khanh mai nam ngoc nhung phuong quang son thanh thao thu thuy trang trung tuyet van vinh xuan yen abena
abimbola adaeze adebola adewale adeyemi afia akosua ama amaka aminata babajide bola chidi chiamaka chukwuma
dayo ebere efua ekene emeka folake funmilayo ifeoma ikenna kayode kehinde kemi kojo kwabena kwaku kwesi lerato
mamadou moussa nkechi nnamdi obinna olamide olu oluwadamilare sipho tendai thabo themba tunde uche yaw yemi
zanele aleksandr aleksei alexei anatoly andrei anton arkady bogdan dmitry evgeny fyodor gennady grigory igor
ilya konstantin leonid maksim mikhail nikolai oleg pavel pyotr roman ruslan stanislav valentin valery viktor
vitaly yaroslav yuri anna darya ekaterina elena galina inna kseniya larisa lyudmila marina nadezhda oksana
polina svetlana valentina yelena yulia zoya andrzej jan janusz jerzy krzysztof marek piotr tomasz wojciech
zbigniew agnieszka barbara beata ewa katarzyna malgorzata magdalena dimitris giorgos konstantinos nikos
panagiotis vasilis eleni ioanna katerina ahmet ayse burak can cem elif emine emre fatih hakan huseyin kemal
mehmet murat mustafa ozlem serkan zeynep anders bjorn gunnar lars magnus nils olaf sven astrid birgit karin
sigrid solveig bram daan jeroen joost pieter sanne willem alessandro andrea angelo carlo dario enrico fabio
franco gianluca luigi massimo paolo roberto salvatore sergio stefano vincenzo alessandra federica laura paola
serena afonso duarte goncalo joao miguel nuno rui vasco conceicao fernanda graca amelie aurelie benoit celine
chantal christophe delphine emilie gilles guillaume helene julien laurent mathieu olivier pascal sebastien
stephane sylvie thierry vincent yves dieter friedrich gerhard gunter heinz helmut horst jorg jurgen manfred
matthias rainer reinhard torsten werner anke brigitte heike jutta kerstin renate silke ute
`;

/** Surnames, space-separated. */
export const MORE_SURNAMES = `
abbott acevedo acosta adkins aguirre alexander allison alston andrade arellano arias armstrong atkins avila
ayala bailey baldwin ball ballard barajas barber barker barnett barr barrera barrett barton bass bates bauer
beck becker benson benitez bentley berger bernal bishop blackwell blair blanchard bolton bonilla booker boone
bowen bowers bowman boyer bradford brady brandt bray brennan briggs brock bruce bryan buchanan buck burgess
burke burnett burton bush byrd cabrera calderon caldwell calhoun camacho campos cannon cardenas carlson carr
carrillo cervantes chambers chan chaney chang chapman christensen clarke clayton cline cobb cochran cohen
collier combs compton conley conner conrad conway cooke copeland cortez cosby craig crosby cummings curry
curtis dalton daugherty davenport davidson dawson decker dejesus delacruz deleon dennis denton dickerson
dillon dodson dominguez donovan dorsey dougherty douglas downs doyle dudley duffy duran dyer eaton erickson
espinoza estrada evans everett farmer farrell faulkner figueroa finley fitzgerald fleming fletcher floyd flynn
forbes fowler franco franklin frazier frederick fry fuentes fuller gaines gallagher gallegos galloway gamble
garner garrett garrison gates gentry gilbert gilmore goff goodman goodwin gould graves greene greer gregory
griffith grimes gross guerrero hahn haley hammond hampton hancock haney hanson hardin harding hardy harmon
harper harrell hartman harvey hatfield hawkins haynes hebert henson hernandes hess hester hickman higgins
hinton hobbs hodge hodges hogan holcomb holden holland holloway holt hood hooper hopkins horn horton howell
hubbard huber huff huffman humphrey hurst hutchinson hyde ingram irwin jacobs jacobson jarvis jennings jensen
johns joyce juarez kane kaufman keller kemp kerr kidd kirby kirk klein knapp knox koch kramer krueger lambert
landry lang lara larson lawson leach leblanc leon leonard levine levy lindsey livingston lloyd lowe lowery
luna lynch lyons macdonald mack madden maddox maldonado malone mann manning marks marquez massey mata mathews
mathis maxwell mayer maynard mayo mcbride mccall mccarthy mcclain mccoy mccullough mcdaniel mcgee mcguire
mcintosh mckay mckee mckenzie mckinney mclaughlin mclean mcmillan mcpherson meadows medina mejia melton
mercado merritt meyers middleton miranda molina montoya moody moon mooney moran morrison morrow moses mueller
mullen mullins murillo nash navarro neal newman newton nielsen noel nolan norman norris norton novak obrien
ochoa oconnor odom oliver olsen oneal oneill orozco orr osborne owen pace pacheco padilla pappas parrish
parsons pate patrick patton pearson pennington pittman pollard potter pratt preston pruitt pugh quinn ramsey
randall randolph rasmussen rios roach robbins roberson rocha rodgers rojas rollins roman rosales rosario rowe
rowland rubio russo rutledge salas sampson sanford santana sargent saunders sawyer schneider schroeder schultz
schwartz serrano sexton shaffer shannon sharpe shelton shepard shepherd sherman shields sims singleton skinner
slater solis sosa sparks spears stafford stanley steele stein stevenson stokes stout strickland suarez sutton
swanson sweeney talley tate terrell terry thornton tillman todd townsend trevino trujillo underwood valdez
valencia valentine vance vaughan vaughn vega velasquez velez villa villanueva vincent wade walsh walter
walters walton waters watkins watts weeks weiss welch werner whitaker whitfield whitley wiggins wilcox wilder
wiley wilkerson wilkins wilkinson williamson wong woodard workman wyatt yates zamora abiodun adeleke adeniyi
adewale agarwal ahmed akhtar akinola ali alvi amadi ansari appiah asante ashraf baig banerjee barua bello
bhatt bhattacharya boateng chakraborty chatterjee chaudhry chopra chowdhury darko das dasgupta desai dhillon
diop dlamini eze ezeh fofana ghosh gupta haddad hakimi hussain hussein iqbal iyer jain joshi kamara kapoor
kaur khan khalil khoury kiplagat kuma kumar malhotra mahmoud mansour mehta menon mishra mukherjee mwangi
naidoo nair nasser ndlovu nwosu obi odhiambo ogunleye okeke okoro olatunji omondi onyango osei otieno owusu
pandey pillai qureshi rahman rao reddy saleh sarkar saxena sen sethi shah sharma siddiqui sinha srinivasan
subramanian sylla tiwari toure trivedi verma yadav yusuf ahn bae baek cha chae chung ha han heo hong hwang
jeon jin ju kwak kwon min nam noh oh ryu seo shin son song suh yoo yu cai cao deng ding du fan fu gong hao
jiang kong lai liang liao lu lv mao meng pan peng qian qin shen shi su tang tian wan wei xia xiao xie xiong
xue yan yao ye yin yuan zeng zheng zhong abe aoki endo fujii fujita fukuda goto hasegawa hayashi ikeda inoue
ishii ishikawa kato kimura kondo maeda masuda matsumoto mori murakami murata nishimura ogawa okada ono saito
sakamoto sasaki shimizu takeuchi ueda yamada yamaguchi yamazaki yoshida dao dinh duong ho huynh khuu lam le
luu ly mai ngo quach ta thai trinh truong aquino bautista castillo dela delos dimaculangan garcia mendoza
pascual ramos santos abramov alekseev antonov belov bogdanov egorov fedorov frolov golubev ivanova kovalenko
kozlov kuznetsov lebedev makarov morozov nikolaev novikov orlov pavlov popova semenov shevchenko sokolov
solovyov stepanov vasiliev volkov zaitsev kowalski lewandowski nowak wisniewski wojcik kaminski zielinski
papadopoulos georgiou dimitriou nikolaou konstantinou yilmaz kaya demir sahin celik yildiz ozturk aydin arslan
dogan andersen hansen johansen larsen lindberg lindqvist nilsson persson karlsson eriksson johansson jansen
janssen devries bakker visser smit meijer mulder bos vos dekker bianchi bruno colombo conti costa de rossi
fontana gallo greco lombardi mancini marino moretti ricci rinaldi romano santoro almeida alves barbosa
carvalho correia ferreira gomes lima martins oliveira pereira ribeiro sousa teixeira bonnet chevalier david
dupont fontaine fournier garnier girard leclerc lemaire mercier michel muller perrin roux fischer hartmann
kruger lehmann maier schafer schmitt schwarz vogel zimmermann
`;
